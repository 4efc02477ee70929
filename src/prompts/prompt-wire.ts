import { z } from 'zod';
import type { PromptRow, PromptVersionContent, PromptVersionRow } from '../storage/database.ts';

/** The JSON shapes of /api/prompts/ (contract §12): request bodies and what responses show. */

export const createPromptSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
}).strict();

export const updatePromptSchema = createPromptSchema.partial().strict();

const messageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
}).loose();

/**
 * Request fields a version may set. Listed one by one so a typo is a 400 naming it, instead of a
 * field silently sent to every provider.
 */
const parameterShape = {
  temperature: z.number().min(0).max(2),
  top_p: z.number().min(0).max(1),
  max_tokens: z.number().int().positive(),
  max_completion_tokens: z.number().int().positive(),
  frequency_penalty: z.number().min(-2).max(2),
  presence_penalty: z.number().min(-2).max(2),
  stop: z.union([z.string(), z.array(z.string())]),
  seed: z.number().int(),
  n: z.number().int().positive(),
  logit_bias: z.record(z.string(), z.number()),
  tools: z.array(z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }).loose() }).loose()),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.object({ type: z.literal('function') }).loose()]),
  parallel_tool_calls: z.boolean(),
  response_format: z.object({ type: z.enum(['text', 'json_object', 'json_schema']) }).loose(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']),
};
const parameterNames = Object.keys(parameterShape);

const versionShape = {
  messages: z.array(messageSchema).min(1),
  model: z.string().trim().min(1).max(200).nullable(),
  variables: z.record(z.string(), z.unknown()),
  description: z.string().max(2000).nullable(),
  ...parameterShape,
};

export const createVersionSchema = z.object({
  ...versionShape,
  model: versionShape.model.optional(),
  variables: versionShape.variables.default({}),
  description: versionShape.description.optional(),
  ...Object.fromEntries(parameterNames.map((name) => [name, parameterShape[name as keyof typeof parameterShape].optional()])),
  deploy: z.boolean().default(false),
}).strict();

export const updateVersionSchema = z.object({
  ...Object.fromEntries(Object.entries(versionShape).map(([name, schema]) => [name, schema.nullable().optional()])),
  deploy: z.boolean().optional(),
}).strict();

/** Splits a validated body into the stored content: known parameters go to `parameters`. */
export function versionContent(input: Record<string, unknown>, base?: PromptVersionRow): Partial<PromptVersionContent> {
  const content: Partial<PromptVersionContent> = {};
  if (input.messages !== undefined && input.messages !== null) content.messages = input.messages as unknown[];
  if (input.model !== undefined) content.model = (input.model as string | null) ?? null;
  if (input.variables !== undefined) content.variables = (input.variables as Record<string, unknown> | null) ?? {};
  if (input.description !== undefined) content.description = (input.description as string | null) ?? null;
  const parameters: Record<string, unknown> = { ...base?.parameters };
  let parametersChanged = false;
  for (const name of parameterNames) {
    if (!(name in input)) continue;
    parametersChanged = true;
    // null removes a parameter from the version.
    if (input[name] === null || input[name] === undefined) delete parameters[name];
    else parameters[name] = input[name];
  }
  if (parametersChanged || base === undefined) content.parameters = parameters;
  return content;
}

export function presentPrompt(row: PromptRow) {
  return {
    id: row.prompt_id, prompt_id: row.prompt_id, name: row.name, description: row.description,
    deployed_version: row.deployed_version, version_count: row.version_count, created_at: row.created_at, updated_at: row.updated_at,
  };
}

export function presentVersion(row: PromptVersionRow, deployedVersion: number | null) {
  return {
    prompt_id: row.prompt_id, version: row.version, model: row.model, messages: row.messages, variables: row.variables,
    ...row.parameters, description: row.description, deployed: row.version === deployedVersion,
    created_at: row.created_at, updated_at: row.updated_at,
  };
}
