import type { PromptRow, PromptVersionRow } from './database.ts';
import { normalizeTimestamp } from './log-row-codec.ts';

/** Prompt rows ⇄ table rows for both stores: JSON travels as text, timestamps come back canonical. */

function timestamp(value: unknown): string {
  return normalizeTimestamp(value) ?? String(value);
}

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function decodePromptRow(row: Record<string, unknown>): PromptRow {
  return {
    prompt_id: String(row.prompt_id),
    name: String(row.name),
    description: textOrNull(row.description),
    deployed_version: row.deployed_version === null || row.deployed_version === undefined ? null : Number(row.deployed_version),
    version_count: Number(row.version_count ?? 0),
    created_at: timestamp(row.created_at),
    updated_at: timestamp(row.updated_at),
  };
}

export function decodePromptVersionRow(row: Record<string, unknown>): PromptVersionRow {
  return {
    prompt_id: String(row.prompt_id),
    version: Number(row.version),
    model: textOrNull(row.model),
    messages: json<unknown[]>(row.messages, []),
    variables: json<Record<string, unknown>>(row.variables, {}),
    parameters: json<Record<string, unknown>>(row.parameters, {}),
    description: textOrNull(row.description),
    created_at: timestamp(row.created_at),
    updated_at: timestamp(row.updated_at),
  };
}

/** Timestamps as the canonical ISO text both stores compare correctly. */
export function canonicalTimestamp(value: string): string {
  return normalizeTimestamp(value) ?? new Date().toISOString();
}
