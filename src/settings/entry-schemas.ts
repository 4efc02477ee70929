import { z } from 'zod';

/** Pieces shared by the deployment, custom-model and load-balance-group schemas. */

export const nonEmptyText = z.string().trim().min(1);

/**
 * Deployment names and group ids appear in URL paths (`/api/deployments/{name}/`), cooldown keys and
 * logs, so they are kept to characters that need no escaping anywhere.
 */
export const entryNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, { error: 'use letters, digits and _ . : @ - (it appears in URLs and logs)' });

/** Model names may hold `/`, `:` and `@` (`meta-llama/Llama-3`, Bedrock and Vertex ids), never spaces. */
export const modelNameSchema = z.string().trim().min(1).max(200).regex(/^\S+$/, { error: 'must not contain spaces' });

/**
 * Fields our responses carry but a request must not: `settings` and `secrets_set` describe
 * credentials without revealing them, so a client echoing a response back would otherwise store
 * them as credential fields named "settings" and "secrets_set".
 */
const OUTPUT_ONLY_FIELDS: readonly string[] = ['source', 'settings', 'secrets_set'];

export function rejectOutputOnlyFields(value: Record<string, unknown>, context: z.RefinementCtx): void {
  for (const field of Object.keys(value)) {
    if (OUTPUT_ONLY_FIELDS.includes(field)) {
      context.addIssue({ code: 'custom', path: [field], message: 'is shown in responses only; send credential fields (api_key, base_url, ...) by name' });
    }
  }
}

/** Credential fields as sent: `null` removes a field (in a PATCH) and is never stored. */
export const credentialFieldsSchema = z.record(z.string(), z.unknown()).superRefine(rejectOutputOnlyFields);

export function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}
