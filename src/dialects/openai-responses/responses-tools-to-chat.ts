import { invalidRequest } from '../../errors/gateway-error.ts';
import type { FunctionTool, ToolChoice } from '../openai-chat/types.ts';
import type { ResponsesFunctionTool, ResponsesRequest, ResponsesTool, ResponsesToolChoice } from './types.ts';

export interface ChatToolFields {
  tools?: FunctionTool[];
  tool_choice?: ToolChoice;
}

/**
 * Responses `tools` and `tool_choice` → chat's. Function tools move from the flat Responses shape
 * into chat's nested `function` object. Built-in tools (`web_search`, `file_search`, `mcp` ...) run
 * inside OpenAI, so a translated provider cannot serve them: a 400 naming the tool beats a
 * silently tool-less answer. `allowed_tools` narrows the tool list, which is what it means.
 * Reference: https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export function responsesToolsToChat(request: Pick<ResponsesRequest, 'tools' | 'tool_choice'>): ChatToolFields {
  const fields: ChatToolFields = {};
  if (request.tools !== undefined && request.tools !== null) {
    if (!Array.isArray(request.tools)) throw invalidRequest('`tools` must be an array.', 'tools');
    fields.tools = request.tools.map((tool, index) => functionToolToChat(tool, `tools[${index}]`));
  }
  const choice = request.tool_choice;
  if (choice === undefined || choice === null) return fields;
  if (choice === 'none' || choice === 'auto' || choice === 'required') {
    fields.tool_choice = choice;
    return fields;
  }
  if (typeof choice !== 'object') throw invalidRequest(`Unsupported tool_choice '${String(choice)}'.`, 'tool_choice');
  if (isFunctionChoice(choice)) {
    fields.tool_choice = { type: 'function', function: { name: choice.name } };
    return fields;
  }
  if (choice.type === 'allowed_tools' && Array.isArray(choice.tools)) {
    const allowedNames = new Set(choice.tools.map((tool, index) => allowedFunctionName(tool, `tool_choice.tools[${index}]`)));
    fields.tools = (fields.tools ?? []).filter((tool) => allowedNames.has(tool.function.name));
    fields.tool_choice = choice.mode === 'required' ? 'required' : 'auto';
    return fields;
  }
  throw builtInToolError(String(choice.type), 'tool_choice.type');
}

function functionToolToChat(tool: ResponsesTool, param: string): FunctionTool {
  if (tool === null || typeof tool !== 'object') throw invalidRequest(`${param} must be an object.`, param);
  if (!isFunctionTool(tool)) throw builtInToolError(String(tool.type), `${param}.type`);
  if (typeof tool.name !== 'string' || tool.name === '') throw invalidRequest(`${param}.name must be a non-empty string.`, `${param}.name`);
  const definition: FunctionTool['function'] = { name: tool.name };
  if (typeof tool.description === 'string') definition.description = tool.description;
  if (tool.parameters !== null && typeof tool.parameters === 'object') definition.parameters = tool.parameters;
  if (typeof tool.strict === 'boolean') definition.strict = tool.strict;
  return { type: 'function', function: definition };
}

function allowedFunctionName(tool: { type?: string; name?: string }, param: string): string {
  if (tool?.type !== 'function') throw builtInToolError(String(tool?.type), `${param}.type`);
  if (typeof tool.name !== 'string') throw invalidRequest(`${param}.name must be a string.`, `${param}.name`);
  return tool.name;
}

export function isFunctionTool(tool: ResponsesTool): tool is ResponsesFunctionTool {
  return tool.type === 'function';
}

function isFunctionChoice(choice: Exclude<ResponsesToolChoice, string>): choice is { type: 'function'; name: string } {
  return choice.type === 'function' && typeof choice.name === 'string';
}

function builtInToolError(type: string, param: string): Error {
  return invalidRequest(`The '${type}' tool is only available on OpenAI models; define a function tool instead.`, param, 'unsupported_value');
}
