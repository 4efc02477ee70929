import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ResponseFormat } from '../openai-chat/types.ts';
import type { ConverseOutputConfig } from './types.ts';

export interface EncodedResponseFormat {
  outputConfig?: ConverseOutputConfig;
  /** Appended to the system prompt. */
  systemInstruction?: string;
}

const JSON_OBJECT_INSTRUCTION = 'Respond with a single valid JSON object and nothing else: no prose before or after it, no code fences.';

/**
 * `response_format` → Converse. `json_schema` uses Bedrock structured outputs, `outputConfig.textFormat`
 * with the schema as a JSON string; the answer comes back as JSON text in the message
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/structured-output.html). Models without
 * structured outputs answer that with a 400, which the caller sees as Bedrock's own message.
 * `json_object` has no Converse counterpart (structured outputs need a schema), so, as in the Anthropic
 * dialect, it becomes an instruction in the system prompt.
 */
export function encodeResponseFormat(responseFormat: ResponseFormat | null | undefined): EncodedResponseFormat {
  if (responseFormat === undefined || responseFormat === null || responseFormat.type === 'text') return {};
  if (responseFormat.type === 'json_object') return { systemInstruction: JSON_OBJECT_INSTRUCTION };
  if (responseFormat.type !== 'json_schema') {
    throw invalidRequest('response_format.type must be text, json_object or json_schema', 'response_format.type');
  }
  const definition = responseFormat.json_schema;
  if (definition === null || typeof definition !== 'object' || typeof definition.name !== 'string') {
    throw invalidRequest('response_format.json_schema needs a name', 'response_format.json_schema.name');
  }
  const jsonSchema: ConverseOutputConfig['textFormat']['structure']['jsonSchema'] = {
    schema: JSON.stringify(definition.schema ?? { type: 'object' }),
    name: definition.name,
  };
  if (typeof definition.description === 'string' && definition.description !== '') jsonSchema.description = definition.description;
  return { outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema } } } };
}
