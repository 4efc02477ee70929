import { invalidRequest } from '../../errors/gateway-error.ts';
import type { EncodeOptions } from '../dialect.ts';
import type { ChatCompletionRequest } from '../openai-chat/types.ts';
import { encodeMessages } from './encode-messages.ts';
import { encodeReasoning } from './encode-reasoning.ts';
import { encodeResponseFormat } from './encode-response-format.ts';
import { encodeToolConfig } from './encode-tool-config.ts';
import type { ConverseInferenceConfig, ConverseRequest } from './types.ts';

/**
 * OpenAI chat request → the body of Converse / ConverseStream (the same body for both; the model id
 * goes in the URL, so the body names none).
 * Reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 *
 * `max_completion_tokens` (or `max_tokens`), `temperature`, `top_p` and `stop` → `inferenceConfig`.
 * Converse has no `seed`, `presence_penalty`, `frequency_penalty`, `logit_bias`, `logprobs` or `user`:
 * they are not sent. `n` above 1 cannot be honoured (Converse returns one message) and is a 400.
 */
export function encodeConverseRequest(request: ChatCompletionRequest, options: EncodeOptions): ConverseRequest {
  if (typeof request.n === 'number' && request.n > 1) {
    throw invalidRequest('Bedrock Converse returns one choice per request: n must be 1', 'n');
  }
  if (!Array.isArray(request.messages)) throw invalidRequest('messages must be an array', 'messages');
  const conversation = encodeMessages(request.messages);
  const responseFormat = encodeResponseFormat(request.response_format);
  const reasoning = encodeReasoning(request, options.upstreamModel);

  const body: ConverseRequest = { messages: conversation.messages };
  const system = responseFormat.systemInstruction === undefined
    ? conversation.system
    : [...conversation.system, { text: responseFormat.systemInstruction }];
  if (system.length > 0) body.system = system;
  const inferenceConfig = encodeInferenceConfig(request, reasoning.maxTokens);
  if (inferenceConfig !== undefined) body.inferenceConfig = inferenceConfig;
  const toolConfig = encodeToolConfig(request, { conversationUsesTools: conversation.usesTools });
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  if (responseFormat.outputConfig !== undefined) body.outputConfig = responseFormat.outputConfig;
  if (Object.keys(reasoning.fields).length > 0) body.additionalModelRequestFields = reasoning.fields;
  return body;
}

function encodeInferenceConfig(request: ChatCompletionRequest, reasoningMaxTokens: number | undefined): ConverseInferenceConfig | undefined {
  const config: ConverseInferenceConfig = {};
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? reasoningMaxTokens;
  if (typeof maxTokens === 'number') config.maxTokens = maxTokens;
  if (typeof request.temperature === 'number') config.temperature = request.temperature;
  if (typeof request.top_p === 'number') config.topP = request.top_p;
  const stopSequences = encodeStop(request.stop);
  if (stopSequences !== undefined) config.stopSequences = stopSequences;
  return Object.keys(config).length > 0 ? config : undefined;
}

/** Converse rejects empty stop sequences; OpenAI's single-string form becomes a one-item list. */
function encodeStop(stop: ChatCompletionRequest['stop']): string[] | undefined {
  if (stop === undefined || stop === null) return undefined;
  const sequences = (typeof stop === 'string' ? [stop] : stop).filter((sequence) => typeof sequence === 'string' && sequence !== '');
  return sequences.length > 0 ? sequences : undefined;
}
