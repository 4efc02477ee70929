import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ResponseFormat } from '../openai-chat/types.ts';
import { jsonResponseToolName } from './json-response-tool.ts';
import type { ClaudeCapabilities } from './read-claude-capabilities.ts';
import type { AnthropicOutputConfig, AnthropicTool } from './types.ts';

export interface ResponseFormatPlan {
  /** Structured outputs: `output_config.format`. */
  format?: NonNullable<AnthropicOutputConfig['format']>;
  /** For models without structured outputs: the tool whose input is the answer (see json-response-tool.ts). */
  jsonTool?: AnthropicTool;
  /** Force that tool with `tool_choice`; not possible alongside the caller's tools or with thinking on. */
  forceJsonTool?: boolean;
  /** Appended to the system prompt. */
  systemInstruction?: string;
}

const JSON_OBJECT_INSTRUCTION = 'Respond with a single valid JSON object and nothing else: no prose before or after it, no code fences.';

/**
 * `response_format` → Anthropic. `json_schema` uses structured outputs (`output_config.format`, JSON in
 * the text block, https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs) where the
 * model has them, and a tool named after the schema on older models. `json_object` has no Anthropic
 * counterpart (structured outputs need a schema), so it becomes an instruction in the system prompt.
 */
export function planResponseFormat(
  responseFormat: ResponseFormat | null | undefined,
  options: { capabilities: ClaudeCapabilities; thinking: boolean; hasTools: boolean },
): ResponseFormatPlan | undefined {
  if (responseFormat === undefined || responseFormat === null || responseFormat.type === 'text') return undefined;
  if (responseFormat.type === 'json_object') return { systemInstruction: JSON_OBJECT_INSTRUCTION };
  if (responseFormat.type !== 'json_schema') {
    throw invalidRequest('response_format.type must be text, json_object or json_schema', 'response_format.type');
  }
  const definition = responseFormat.json_schema;
  if (definition === null || typeof definition !== 'object' || typeof definition.name !== 'string') {
    throw invalidRequest('response_format.json_schema needs a name', 'response_format.json_schema.name');
  }
  const schema = definition.schema ?? { type: 'object' };
  if (options.capabilities.structuredOutputs) return { format: { type: 'json_schema', schema } };
  const jsonTool: AnthropicTool = {
    name: jsonResponseToolName(definition.name),
    description: definition.description ?? `Give the final answer as ${definition.name}: the input of this call is the answer.`,
    input_schema: schema,
  };
  // Anthropic rejects a forced tool_choice while thinking is on; with the caller's own tools the model
  // must stay free to call them first.
  if (!options.thinking && !options.hasTools) return { jsonTool, forceJsonTool: true };
  return { jsonTool, systemInstruction: `When you give your final answer, give it by calling the ${jsonTool.name} tool.` };
}
