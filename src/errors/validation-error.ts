import type { ZodType } from 'zod';
import { GatewayError } from './gateway-error.ts';

/** A management request that failed validation: `{"detail", "errors": {field: [messages]}}` (contract §8). */
export class ValidationError extends GatewayError {
  readonly errors: Record<string, string[]>;

  constructor(errors: Record<string, string[]>, detail = 'Validation error') {
    const first = Object.entries(errors)[0];
    super({ status: 400, message: detail, param: first?.[0] ?? null, code: 'validation_error' });
    this.name = 'ValidationError';
    this.errors = errors;
  }
}

/** Parses a management body with a zod schema, or throws a ValidationError naming each field. */
export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length === 0 ? 'non_field_errors' : issue.path.join('.');
    (errors[field] ??= []).push(issue.message);
  }
  throw new ValidationError(errors);
}
