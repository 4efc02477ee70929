import { invalidRequest } from '../../errors/gateway-error.ts';
import type { ChatCompletionRequest, FunctionTool } from '../openai-chat/types.ts';
import type { ConverseToolChoice, ConverseToolConfig, ConverseToolSpec } from './types.ts';

/** A tool without `parameters` takes no arguments; Converse requires an input schema. */
const EMPTY_INPUT_SCHEMA: Record<string, unknown> = Object.freeze({ type: 'object', properties: {} });

/**
 * `tools` + `tool_choice` → `toolConfig` (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html):
 * `auto` → `{auto: {}}`, `required` → `{any: {}}`, a named function → `{tool: {name}}`, absent → no
 * `toolChoice` (the model decides, as `auto`). Converse has no `none`: the tools are left out instead,
 * unless the conversation already holds toolUse/toolResult blocks, for which Converse requires a
 * `toolConfig`; then the tools are sent without a `toolChoice`. `parallel_tool_calls` has no Converse
 * counterpart and is not sent.
 */
export function encodeToolConfig(request: ChatCompletionRequest, options: { conversationUsesTools: boolean }): ConverseToolConfig | undefined {
  const tools = request.tools;
  if (tools === undefined || tools === null || tools.length === 0) return undefined;
  if (!Array.isArray(tools)) throw invalidRequest('tools must be an array', 'tools');
  const choice = request.tool_choice;
  if (choice === 'none' && !options.conversationUsesTools) return undefined;
  const config: ConverseToolConfig = { tools: tools.map((tool, index) => encodeTool(tool, `tools[${index}]`)) };
  const toolChoice = choice === 'none' ? undefined : encodeToolChoice(choice);
  if (toolChoice !== undefined) config.toolChoice = toolChoice;
  return config;
}

function encodeTool(tool: FunctionTool, param: string): ConverseToolSpec {
  if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') {
    throw invalidRequest('Each tool must be {type: "function", function: {name, ...}}', param);
  }
  const spec: ConverseToolSpec['toolSpec'] = {
    name: tool.function.name,
    inputSchema: { json: tool.function.parameters ?? EMPTY_INPUT_SCHEMA },
  };
  if (typeof tool.function.description === 'string' && tool.function.description !== '') spec.description = tool.function.description;
  // Strict tool use: inputs validated against the schema (https://docs.aws.amazon.com/bedrock/latest/userguide/structured-output.html).
  if (tool.function.strict === true) spec.strict = true;
  return { toolSpec: spec };
}

function encodeToolChoice(choice: ChatCompletionRequest['tool_choice']): ConverseToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  if (typeof choice === 'object' && choice.type === 'function' && typeof choice.function?.name === 'string') {
    return { tool: { name: choice.function.name } };
  }
  throw invalidRequest('tool_choice must be none, auto, required or {type: "function", function: {name}}', 'tool_choice');
}
