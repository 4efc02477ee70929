import type { EncodeOptions } from '../dialect.ts';
import type { ChatCompletionRequest } from './types.ts';

/**
 * Wire-level differences between hosts that speak OpenAI chat completions. Each is a documented
 * rejection by some host; the provider that needs one turns it on (design §8: named quirk hooks).
 */
export interface OpenAIChatWireOptions {
  /**
   * Ask for the trailing usage chunk on streams (`stream_options.include_usage`), so every stream's cost
   * is known; the gateway drops that chunk when the client did not ask for it. Default true. Hosts
   * that reject the field (Mistral answers 422 `extra_forbidden`) and send usage anyway turn it off.
   */
  streamUsageOption?: boolean;
  /**
   * Send the caller's `max_completion_tokens` as `max_tokens`, for hosts that only know the older name
   * (Mistral answers 422 `extra_forbidden` for `max_completion_tokens`). Default false.
   */
  maxCompletionTokensAsMaxTokens?: boolean;
}

/**
 * Builds the upstream body: a shallow copy of the caller's request with the host's model id. Nothing
 * the caller did not send is added, except `stream_options.include_usage` on streams (see above).
 * Reference: https://platform.openai.com/docs/api-reference/chat/create
 */
export function encodeOpenAIChatRequest(
  request: ChatCompletionRequest,
  options: EncodeOptions & { wire: OpenAIChatWireOptions },
): ChatCompletionRequest {
  const body: ChatCompletionRequest = { ...request, model: options.upstreamModel };
  if (options.stream) {
    body.stream = true;
    if (options.wire.streamUsageOption === false) {
      delete body.stream_options;
    } else {
      body.stream_options = { ...request.stream_options, include_usage: true };
    }
  } else {
    // OpenAI answers 400 "The 'stream_options' parameter is only allowed when 'stream' is enabled".
    if (body.stream) body.stream = false;
    if (body.stream_options !== undefined) delete body.stream_options;
  }
  if (options.wire.maxCompletionTokensAsMaxTokens === true && body.max_completion_tokens != null) {
    body.max_tokens ??= body.max_completion_tokens;
    delete body.max_completion_tokens;
  }
  return body;
}
