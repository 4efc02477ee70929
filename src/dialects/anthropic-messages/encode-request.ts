import { invalidRequest } from '../../errors/gateway-error.ts';
import type { EncodeOptions } from '../dialect.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { encodeMessages } from './encode-messages.ts';
import { encodeToolChoice, encodeTools } from './encode-tools.ts';
import { planReasoning } from './plan-reasoning.ts';
import { planResponseFormat, type ResponseFormatPlan } from './plan-response-format.ts';
import { readClaudeCapabilities } from './read-claude-capabilities.ts';
import type { AnthropicCacheControl, AnthropicMessagesRequest, AnthropicOutputConfig, AnthropicTextBlock } from './types.ts';

/**
 * Where the body goes: Anthropic's API names the model in the body; Vertex AI `rawPredict` and Bedrock
 * `InvokeModel` name it in the URL and want `anthropic_version` in the body instead
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html).
 * Bedrock streams by endpoint (`InvokeModelWithResponseStream`) and rejects a `stream` field.
 */
export type AnthropicBodyFlavor = 'api' | 'vertex' | 'bedrock';

const BODY_ANTHROPIC_VERSION = { vertex: 'vertex-2023-10-16', bedrock: 'bedrock-2023-05-31' } as const;

/**
 * OpenAI chat request → Anthropic Messages request (https://docs.anthropic.com/en/api/messages).
 * Only what the caller sent is mapped, except `max_tokens`, which Anthropic requires (see
 * plan-reasoning.ts). OpenAI parameters Anthropic has no counterpart for (`seed`, penalties,
 * `logit_bias`, `logprobs`) are not sent; `n` above 1 is refused, one choice is all Anthropic returns.
 */
export function encodeAnthropicMessagesRequest(
  request: ChatCompletionRequest,
  options: EncodeOptions & { bodyFlavor: AnthropicBodyFlavor },
): AnthropicMessagesRequest {
  if (typeof request.n === 'number' && request.n > 1) throw invalidRequest('Anthropic models return one choice: n must be 1', 'n');
  const capabilities = readClaudeCapabilities(options.upstreamModel);
  const conversation = encodeMessages(request.messages);
  const reasoning = planReasoning(request, capabilities);
  const hasTools = (request.tools?.length ?? 0) > 0;
  const thinking = reasoning.thinking !== undefined && reasoning.thinking.type !== 'disabled';
  const responseFormat = planResponseFormat(request.response_format, { capabilities, thinking, hasTools });

  const body: AnthropicMessagesRequest = options.bodyFlavor === 'api'
    ? { model: options.upstreamModel, max_tokens: reasoning.maxTokens, messages: conversation.messages }
    : { anthropic_version: BODY_ANTHROPIC_VERSION[options.bodyFlavor], max_tokens: reasoning.maxTokens, messages: conversation.messages };
  const system = encodeSystem(conversation.system, responseFormat?.systemInstruction);
  if (system !== undefined) body.system = system;
  if (options.stream && options.bodyFlavor !== 'bedrock') body.stream = true;
  if (typeof request.temperature === 'number') body.temperature = request.temperature;
  if (typeof request.top_p === 'number') body.top_p = request.top_p;
  // Anthropic's own parameters, accepted as extra body fields: top-k sampling, request-level caching.
  if (typeof request.top_k === 'number') body.top_k = request.top_k;
  if (isCacheControl(request.cache_control)) body.cache_control = request.cache_control;
  const stopSequences = encodeStop(request.stop);
  if (stopSequences !== undefined) body.stop_sequences = stopSequences;
  if (typeof request.user === 'string' && request.user !== '') body.metadata = { user_id: request.user };
  addTools(body, request, { responseFormat, strictSupported: capabilities.structuredOutputs });
  if (reasoning.thinking !== undefined) body.thinking = reasoning.thinking;
  const outputConfig: AnthropicOutputConfig = {};
  if (reasoning.effort !== undefined) outputConfig.effort = reasoning.effort;
  if (responseFormat?.format !== undefined) outputConfig.format = responseFormat.format;
  if (outputConfig.effort !== undefined || outputConfig.format !== undefined) body.output_config = outputConfig;
  return body;
}

/** One plain system message is sent as a string; several, or any with `cache_control`, as text blocks. */
function encodeSystem(blocks: AnthropicTextBlock[], instruction: string | undefined): string | AnthropicTextBlock[] | undefined {
  const all = instruction === undefined ? blocks : [...blocks, { type: 'text' as const, text: instruction }];
  if (all.length === 0) return undefined;
  if (all.length === 1 && all[0].cache_control === undefined) return all[0].text;
  return all;
}

function encodeStop(stop: ChatCompletionRequest['stop']): string[] | undefined {
  if (typeof stop === 'string') return stop === '' ? undefined : [stop];
  if (!Array.isArray(stop)) return undefined;
  const sequences = stop.filter((sequence) => typeof sequence === 'string' && sequence !== '');
  return sequences.length === 0 ? undefined : sequences;
}

function addTools(
  body: AnthropicMessagesRequest,
  request: ChatCompletionRequest,
  options: { responseFormat: ResponseFormatPlan | undefined; strictSupported: boolean },
): void {
  const tools = request.tools !== undefined && request.tools.length > 0 ? encodeTools(request.tools, options) : [];
  const jsonTool = options.responseFormat?.jsonTool;
  if (jsonTool !== undefined) tools.push(jsonTool);
  if (tools.length > 0) body.tools = tools;
  const toolChoice = jsonTool !== undefined && options.responseFormat?.forceJsonTool === true
    ? { type: 'tool' as const, name: jsonTool.name }
    : encodeToolChoice(request);
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
}

function isCacheControl(value: unknown): value is AnthropicCacheControl {
  return value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'ephemeral';
}
