/**
 * OpenAI Responses API: the subset of the wire format the gateway translates to and from chat.
 * Reference: https://platform.openai.com/docs/api-reference/responses and the `openai` SDK's
 * `resources/responses/responses.d.ts`, which the tests check these shapes against.
 * Inbound fields the gateway does not read are allowed (`[field: string]: unknown`).
 */

export interface ResponsesInputText { type: 'input_text'; text: string }
export interface ResponsesInputImage {
  type: 'input_image';
  image_url?: string | null;
  file_id?: string | null;
  detail?: 'auto' | 'low' | 'high' | 'original';
}
export interface ResponsesInputFile {
  type: 'input_file';
  file_data?: string;
  file_id?: string | null;
  file_url?: string;
  filename?: string;
}
export type ResponsesInputContent = ResponsesInputText | ResponsesInputImage | ResponsesInputFile;

/** Earlier output sent back as input: annotations and logprobs are read, never needed. */
export interface ResponsesOutputTextInput {
  type: 'output_text';
  text: string;
  annotations?: unknown[];
  logprobs?: unknown[];
}
/** Text a translated response produces: no citations or logprobs, so both arrays stay empty. */
export interface ResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations: never[];
  logprobs: never[];
}
export interface ResponsesOutputRefusal { type: 'refusal'; refusal: string }

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** A message item: the "easy" form (`{role, content}`) and the typed form share this shape. */
export interface ResponsesMessageInputItem {
  type?: 'message';
  id?: string;
  status?: ItemStatus;
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | Array<ResponsesInputContent | ResponsesOutputTextInput | ResponsesOutputRefusal>;
}

export interface ResponsesFunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  status?: ItemStatus;
}

export interface ResponsesFunctionCallOutputItem {
  type: 'function_call_output';
  id?: string | null;
  call_id: string;
  output: string | ResponsesInputContent[];
  status?: ItemStatus | null;
}

export interface ResponsesReasoningItem {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  content?: Array<{ type: 'reasoning_text'; text: string }>;
  encrypted_content?: string | null;
  status?: ItemStatus;
}

export type ResponsesInputItem =
  | ResponsesMessageInputItem | ResponsesFunctionCallItem | ResponsesFunctionCallOutputItem | ResponsesReasoningItem;

/** Responses function tools are flat: no nested `function` object as in chat. */
export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}
/** Built-in tools (`web_search`, `file_search`, `code_interpreter`, `mcp` ...) run inside OpenAI only. */
export interface ResponsesBuiltInTool { type: string; [field: string]: unknown }
export type ResponsesTool = ResponsesFunctionTool | ResponsesBuiltInTool;

/** The tool choices chat can express (`allowed_tools` by narrowing the tool list). */
export type ResponsesFunctionToolChoice =
  | 'none' | 'auto' | 'required'
  | { type: 'function'; name: string }
  | { type: 'allowed_tools'; mode: 'auto' | 'required'; tools: Array<{ type?: string; name?: string; [field: string]: unknown }> };
/** Forcing a built-in tool (`{type: 'web_search_preview'}`, `{type: 'mcp', server_label}` ...). */
export interface ResponsesBuiltInToolChoice { type: string; [field: string]: unknown }
export type ResponsesToolChoice = ResponsesFunctionToolChoice | ResponsesBuiltInToolChoice;

export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; description?: string; strict?: boolean | null };

export interface ResponsesTextConfig {
  format?: ResponsesTextFormat;
  verbosity?: 'low' | 'medium' | 'high' | null;
}

export type ResponsesReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ResponsesReasoningConfig {
  effort?: ResponsesReasoningEffort | null;
  summary?: 'auto' | 'concise' | 'detailed' | null;
  [field: string]: unknown;
}

export interface ResponsesRequest {
  model?: string;
  input?: string | ResponsesInputItem[];
  instructions?: string | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  max_output_tokens?: number | null;
  max_tool_calls?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  text?: ResponsesTextConfig;
  reasoning?: ResponsesReasoningConfig | null;
  stream?: boolean | null;
  store?: boolean | null;
  previous_response_id?: string | null;
  user?: string;
  safety_identifier?: string | null;
  prompt_cache_key?: string | null;
  truncation?: 'auto' | 'disabled' | null;
  /** The gateway's metadata (contract §4), logged and filterable; never forwarded. */
  metadata?: Record<string, unknown> | null;
  background?: boolean | null;
  conversation?: unknown;
  prompt?: unknown;
  [field: string]: unknown;
}

export interface ResponsesOutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: ItemStatus;
  content: Array<ResponsesOutputText | ResponsesOutputRefusal>;
}

export interface ResponsesFunctionCallOutput {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  arguments: string;
  status: ItemStatus;
}

export interface ResponsesReasoningOutput {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  status?: ItemStatus;
}

export type ResponsesOutputItem = ResponsesOutputMessage | ResponsesFunctionCallOutput | ResponsesReasoningOutput;

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** A function tool as the API echoes it: every field present, absent ones as null. */
export interface ResponsesEchoedFunctionTool {
  type: 'function';
  name: string;
  description: string | null;
  parameters: Record<string, unknown> | null;
  strict: boolean | null;
}

export type ResponsesStatus = 'completed' | 'failed' | 'in_progress' | 'cancelled' | 'queued' | 'incomplete';

/** The Responses API's error codes are a closed set (API reference, `error.code`). */
export type ResponsesErrorCode = 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt';
export interface ResponsesError { code: ResponsesErrorCode; message: string }

/**
 * The response object. `output_text` is absent on purpose: it is an SDK convenience computed on
 * the client (openai-node `addOutputText`), not a field of the wire format.
 */
export interface ResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponsesStatus;
  /** Always null: the standard access program (the API sends the field on every response). */
  access_programs: null;
  background: boolean;
  completed_at?: number | null;
  error: ResponsesError | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  instructions: string | null;
  max_output_tokens: number | null;
  max_tool_calls: number | null;
  /** Responses metadata holds string values only (API reference), so only those are echoed. */
  metadata: Record<string, string>;
  model: string;
  output: ResponsesOutputItem[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  prompt_cache_key: string | null;
  reasoning: { effort: ResponsesReasoningEffort | null; summary: 'auto' | 'concise' | 'detailed' | null };
  safety_identifier: string | null;
  store: boolean;
  temperature: number | null;
  text: ResponsesTextConfig;
  tool_choice: ResponsesFunctionToolChoice;
  /** Only function tools reach a translated response: built-in tools are refused up front. */
  tools: ResponsesEchoedFunctionTool[];
  top_p: number | null;
  truncation: 'auto' | 'disabled';
  usage?: ResponsesUsage;
  /** Present when the caller sent it. */
  user?: string;
}
