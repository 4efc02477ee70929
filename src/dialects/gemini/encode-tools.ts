import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { toGeminiSchema } from './to-gemini-schema.ts';
import type { GeminiFunctionDeclaration, GeminiGenerateContentRequest, GeminiToolConfig } from './types.ts';

type EncodedTools = Pick<GeminiGenerateContentRequest, 'tools' | 'toolConfig'>;

/**
 * OpenAI `tools` → one Gemini Tool holding every `functionDeclarations` entry, and `tool_choice` →
 * `toolConfig.functionCallingConfig` (https://ai.google.dev/gemini-api/docs/function-calling):
 * `auto` → AUTO, `none` → NONE, `required` → ANY, a named function → ANY limited to that name.
 * `parallel_tool_calls` has no Gemini counterpart and is not sent. Without tools nothing is sent:
 * a tool choice alone means nothing to Gemini.
 */
export function encodeTools(request: ChatCompletionRequest): EncodedTools {
  const tools = request.tools;
  if (tools === undefined || tools === null) return {};
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array', 'tools', 'invalid_type');
  if (tools.length === 0) return {};
  const declarations = tools.map((tool, position) => encodeDeclaration(tool, `tools[${position}]`));
  const encoded: EncodedTools = { tools: [{ functionDeclarations: declarations }] };
  const toolConfig = encodeToolChoice(request.tool_choice);
  if (toolConfig !== undefined) encoded.toolConfig = toolConfig;
  return encoded;
}

function encodeDeclaration(tool: NonNullable<ChatCompletionRequest['tools']>[number], param: string): GeminiFunctionDeclaration {
  if (tool?.type !== 'function') {
    throw invalidRequest(`${param}.type ${JSON.stringify(tool?.type)} is not supported by Gemini models; only function tools are`, `${param}.type`, 'invalid_value');
  }
  const name = tool.function?.name;
  if (typeof name !== 'string' || name === '') throw invalidRequest(`${param}.function.name is required`, `${param}.function.name`, 'missing_required_parameter');
  const declaration: GeminiFunctionDeclaration = { name };
  if (typeof tool.function.description === 'string') declaration.description = tool.function.description;
  const parameters = toGeminiSchema(tool.function.parameters);
  // A function without parameters leaves `parameters` out: Gemini refuses an OBJECT schema
  // with no properties ("properties: should be non-empty for OBJECT type").
  if (parameters.properties !== undefined && Object.keys(parameters.properties).length > 0) declaration.parameters = parameters;
  return declaration;
}

function encodeToolChoice(choice: ChatCompletionRequest['tool_choice']): GeminiToolConfig | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (typeof choice === 'object' && choice.type === 'function' && typeof choice.function?.name === 'string') {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  }
  throw invalidRequest('tool_choice must be "none", "auto", "required" or {"type": "function", "function": {"name": ...}}', 'tool_choice', 'invalid_value');
}
