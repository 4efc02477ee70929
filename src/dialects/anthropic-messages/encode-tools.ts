import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest, FunctionTool } from '../openai-chat/types.ts';
import type { AnthropicCacheControl, AnthropicTool, AnthropicToolChoice } from './types.ts';

/**
 * OpenAI function tools → Anthropic tools (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use).
 * Anthropic requires `input_schema`; a function declared without parameters takes none, which is the
 * empty object schema. `strict` is sent only to models with structured outputs, the others reject it.
 */
export function encodeTools(tools: readonly FunctionTool[], options: { strictSupported: boolean }): AnthropicTool[] {
  return tools.map((tool, index) => {
    if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') {
      throw invalidRequest('Only function tools with a name can be sent to Anthropic models', `tools[${index}]`);
    }
    const encoded: AnthropicTool = { name: tool.function.name, input_schema: tool.function.parameters ?? { type: 'object', properties: {} } };
    if (tool.function.description !== undefined) encoded.description = tool.function.description;
    if (tool.function.strict === true && options.strictSupported) encoded.strict = true;
    const cacheControl = (tool as { cache_control?: AnthropicCacheControl }).cache_control;
    if (cacheControl != null) encoded.cache_control = cacheControl;
    return encoded;
  });
}

/**
 * `tool_choice` and `parallel_tool_calls` → Anthropic `tool_choice`: auto → auto, required → any,
 * none → none, a named function → tool. `parallel_tool_calls: false` is Anthropic's
 * `disable_parallel_tool_use`, a field of tool_choice (absent on `none`); with no tool_choice it
 * rides on `auto`, Anthropic's default.
 */
export function encodeToolChoice(request: ChatCompletionRequest): AnthropicToolChoice | undefined {
  const choice = request.tool_choice;
  const disableParallel = request.parallel_tool_calls === false;
  let encoded: AnthropicToolChoice | undefined;
  if (choice === undefined || choice === null) encoded = disableParallel ? { type: 'auto' } : undefined;
  else if (choice === 'auto') encoded = { type: 'auto' };
  else if (choice === 'required') encoded = { type: 'any' };
  else if (choice === 'none') return { type: 'none' };
  else if (typeof choice === 'object' && typeof choice.function?.name === 'string') encoded = { type: 'tool', name: choice.function.name };
  else throw invalidRequest('tool_choice must be auto, required, none or {"type": "function", "function": {"name": ...}}', 'tool_choice');
  if (encoded !== undefined && disableParallel) encoded.disable_parallel_tool_use = true;
  return encoded;
}
