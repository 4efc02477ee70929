import { isFunctionTool } from './responses-tools-to-chat.ts';
import type {
  ResponsesEchoedFunctionTool, ResponsesError, ResponsesFunctionToolChoice, ResponsesOutputItem, ResponsesRequest,
  ResponsesResponse, ResponsesStatus, ResponsesUsage,
} from './types.ts';

export interface ResponseObjectFields {
  responseId: string;
  request: ResponsesRequest;
  /** Unix seconds. */
  createdAt: number;
  model: string;
  status: ResponsesStatus;
  output: ResponsesOutputItem[];
  usage?: ResponsesUsage;
  incompleteReason?: 'max_output_tokens' | 'content_filter';
  error?: ResponsesError;
  /** Unix seconds; the API sends it once the response is completed. */
  completedAt?: number;
}

/**
 * The response object around the output. Like the API, it echoes the request's settings, with
 * the API's documented defaults where the caller sent none (`tool_choice: 'auto'`,
 * `parallel_tool_calls: true`, `truncation: 'disabled'`, `text.format: {type: 'text'}`); sampling
 * settings the caller left out are null rather than a guessed provider default.
 * Reference: https://platform.openai.com/docs/api-reference/responses/object
 */
export function buildResponseObject(fields: ResponseObjectFields): ResponsesResponse {
  const { request } = fields;
  const response: ResponsesResponse = {
    id: fields.responseId,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.status,
    access_programs: null,
    background: false,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteReason === undefined ? null : { reason: fields.incompleteReason },
    instructions: typeof request.instructions === 'string' ? request.instructions : null,
    max_output_tokens: numberOrNull(request.max_output_tokens),
    max_tool_calls: numberOrNull(request.max_tool_calls),
    metadata: stringEntries(request.metadata),
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    prompt_cache_key: request.prompt_cache_key ?? null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: request.reasoning?.summary ?? null },
    safety_identifier: request.safety_identifier ?? null,
    store: request.store ?? true,
    temperature: numberOrNull(request.temperature),
    text: { ...request.text, format: request.text?.format ?? { type: 'text' } },
    // Built-in tool choices were refused with a 400 before any response exists.
    tool_choice: (request.tool_choice ?? 'auto') as ResponsesFunctionToolChoice,
    tools: (request.tools ?? []).filter(isFunctionTool).map(echoFunctionTool),
    top_p: numberOrNull(request.top_p),
    truncation: request.truncation ?? 'disabled',
  };
  if (typeof request.user === 'string') response.user = request.user;
  if (fields.completedAt !== undefined) response.completed_at = fields.completedAt;
  if (fields.usage !== undefined) response.usage = fields.usage;
  return response;
}

function echoFunctionTool(tool: { name: string; description?: string | null; parameters?: Record<string, unknown> | null; strict?: boolean | null }): ResponsesEchoedFunctionTool {
  return {
    type: 'function',
    name: tool.name,
    description: tool.description ?? null,
    parameters: tool.parameters ?? null,
    strict: tool.strict ?? null,
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** Responses metadata values are strings (API reference); the gateway's may hold others, not echoed. */
function stringEntries(metadata: unknown): Record<string, string> {
  const entries: Record<string, string> = {};
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return entries;
  for (const [key, value] of Object.entries(metadata)) if (typeof value === 'string') entries[key] = value;
  return entries;
}
