/**
 * Amazon Bedrock Converse and ConverseStream wire shapes, as far as the gateway reads and writes them.
 * Reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and
 * API_runtime_ConverseStream.html. Content blocks are unions: exactly one member is set. Upstream
 * output is read leniently, so response fields are optional.
 */

export type ConverseImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** Raw bytes travel as base64 in the JSON body (REST-JSON blob encoding). */
export interface ConverseImageBlock { format: ConverseImageFormat; source: { bytes: string } }

export interface ConverseDocumentBlock { format: string; name: string; source: { bytes: string } }

export interface ConverseToolUseBlock { toolUseId: string; name: string; input: unknown }

export type ConverseToolResultContent = { text: string } | { json: unknown } | { image: ConverseImageBlock } | { document: ConverseDocumentBlock };

export interface ConverseToolResultBlock {
  toolUseId: string;
  content: ConverseToolResultContent[];
  status?: 'success' | 'error';
}

export interface ConverseReasoningContentBlock {
  reasoningText?: { text?: string; signature?: string };
  redactedContent?: string;
}

/** Marks the end of a prompt prefix to cache (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html). */
export interface ConverseCachePoint { cachePoint: { type: 'default' } }

export type ConverseSystemBlock = { text: string } | ConverseCachePoint;

export type ConverseContentBlock =
  | { text: string }
  | ConverseCachePoint
  | { image: ConverseImageBlock }
  | { document: ConverseDocumentBlock }
  | { toolUse: ConverseToolUseBlock }
  | { toolResult: ConverseToolResultBlock }
  | { reasoningContent: ConverseReasoningContentBlock };

export interface ConverseMessage {
  role: 'user' | 'assistant';
  content: ConverseContentBlock[];
}

export interface ConverseToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> }; strict?: boolean };
}

export type ConverseToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export interface ConverseToolConfig {
  tools: ConverseToolSpec[];
  toolChoice?: ConverseToolChoice;
}

export interface ConverseInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

/** Structured output (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_OutputConfig.html); `schema` is a JSON string. */
export interface ConverseOutputConfig {
  textFormat: { type: 'json_schema'; structure: { jsonSchema: { schema: string; name?: string; description?: string } } };
}

/** The body of `POST /model/{modelId}/converse` (and `/converse-stream`): the model id is in the URL. */
export interface ConverseRequest {
  messages: ConverseMessage[];
  system?: ConverseSystemBlock[];
  inferenceConfig?: ConverseInferenceConfig;
  toolConfig?: ConverseToolConfig;
  outputConfig?: ConverseOutputConfig;
  additionalModelRequestFields?: Record<string, unknown>;
}

export interface ConverseTokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface ConverseResponse {
  output?: { message?: { role?: string; content?: Array<Partial<Record<string, unknown>>> } };
  stopReason?: string;
  usage?: ConverseTokenUsage;
  metrics?: { latencyMs?: number };
  additionalModelResponseFields?: unknown;
}

/** ConverseStream event payloads, named by the `:event-type` header (API_runtime_ConverseStreamOutput). */
export interface ContentBlockStartEvent {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
}

export interface ContentBlockDeltaEvent {
  contentBlockIndex?: number;
  delta?: {
    text?: string;
    toolUse?: { input?: string };
    reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
  };
}

export interface MessageStopEvent { stopReason?: string }

export interface ConverseStreamMetadataEvent { usage?: ConverseTokenUsage }
