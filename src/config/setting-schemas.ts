import { z } from 'zod';

/**
 * Schemas for single settings, shared by the config file and the environment so both accept and
 * reject the same values with the same messages.
 *
 * Numbers and booleans also accept their text form, because values substituted from `${VAR}` and
 * read from the environment are always text.
 */

const numberTextPattern = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function numberFromText<Schema extends z.ZodType<number>>(schema: Schema) {
  return z.preprocess((value) => (typeof value === 'string' && numberTextPattern.test(value.trim()) ? Number(value) : value), schema);
}

export function booleanFromText() {
  return z.preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean());
}

export const portSchema = numberFromText(z.number().int().min(0).max(65535));
export const nonEmptyTextSchema = z.string().min(1);
export const positiveNumberSchema = numberFromText(z.number().positive());
export const nonNegativeNumberSchema = numberFromText(z.number().min(0));

export function hasUrlProtocol(text: string, protocols: readonly string[]): boolean {
  if (!URL.canParse(text)) return false;
  return protocols.includes(new URL(text).protocol);
}

export function urlSchema(protocols: readonly string[], message = 'expected a URL') {
  return z.string().refine((text) => hasUrlProtocol(text, protocols), { error: message });
}

export const httpUrlSchema = urlSchema(['http:', 'https:']);

export const databaseUrlSchema = z.string().refine(
  (text) => /^sqlite:.+/.test(text) || hasUrlProtocol(text, ['postgres:', 'postgresql:']),
  { error: 'expected sqlite:PATH or a postgres:// URL' },
);

export const redisUrlSchema = urlSchema(['redis:', 'rediss:'], 'expected a redis:// or rediss:// URL');
