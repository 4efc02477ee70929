/**
 * Anthropic Messages wire shapes, as far as the gateway reads or writes them.
 * Reference: https://docs.anthropic.com/en/api/messages (request, response, content blocks) and
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming (events). Upstream output is read
 * leniently: optional fields are optional and unknown block or event types are skipped.
 */

export interface AnthropicCacheControl { type: 'ephemeral'; ttl?: string }

export interface AnthropicTextBlock { type: 'text'; text: string; cache_control?: AnthropicCacheControl }

export type AnthropicMediaSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string };

export interface AnthropicImageBlock { type: 'image'; source: AnthropicMediaSource; cache_control?: AnthropicCacheControl }
export interface AnthropicDocumentBlock { type: 'document'; source: AnthropicMediaSource; cache_control?: AnthropicCacheControl }

export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
}

export interface AnthropicToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | Array<AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock>;
  cache_control?: AnthropicCacheControl;
}

/** Extended thinking; the signature must travel back unchanged in later turns (tool use with thinking). */
export interface AnthropicThinkingBlock { type: 'thinking'; thinking: string; signature: string }
export interface AnthropicRedactedThinkingBlock { type: 'redacted_thinking'; data: string }

export type AnthropicContentBlock =
  | AnthropicTextBlock | AnthropicImageBlock | AnthropicDocumentBlock
  | AnthropicToolUseBlock | AnthropicToolResultBlock
  | AnthropicThinkingBlock | AnthropicRedactedThinkingBlock;

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: string | AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
  cache_control?: AnthropicCacheControl;
}

export type AnthropicToolChoice =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type AnthropicThinkingConfig =
  | { type: 'enabled'; budget_tokens: number; [option: string]: unknown }
  | { type: 'adaptive' | 'disabled'; [option: string]: unknown };

export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface AnthropicOutputConfig {
  effort?: AnthropicEffort;
  format?: { type: 'json_schema'; schema: Record<string, unknown> };
}

export interface AnthropicMessagesRequest {
  /** Absent for Vertex `rawPredict` and Bedrock `InvokeModel`, where the URL names the model. */
  model?: string;
  /** Present for Vertex (`vertex-2023-10-16`) and Bedrock (`bedrock-2023-05-31`) only. */
  anthropic_version?: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string | AnthropicTextBlock[];
  stop_sequences?: string[];
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  metadata?: { user_id: string };
  /** Request-level prompt caching: Anthropic marks the last cacheable block. */
  cache_control?: AnthropicCacheControl;
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinkingConfig;
  output_config?: AnthropicOutputConfig;
}

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
  [field: string]: unknown;
}

export type AnthropicStopReason =
  | 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal' | 'model_context_window_exceeded';

/** A response content block as read: any type, fields checked where used. */
export interface AnthropicResponseBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
  data?: string;
}

export interface AnthropicMessageResponse {
  id?: string;
  type?: string;
  role?: string;
  model?: string;
  content?: AnthropicResponseBlock[] | null;
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage | null;
}

export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string; details?: Record<string, unknown> };
  request_id?: string;
}

/**
 * One stream event's data, every field optional: the translator reads what each event type documents
 * and skips what is missing (https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types).
 */
export interface AnthropicStreamPayload {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsage | null } | null;
  content_block?: AnthropicResponseBlock | null;
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    signature?: string;
    stop_reason?: string | null;
  } | null;
  usage?: AnthropicUsage | null;
  error?: unknown;
}
