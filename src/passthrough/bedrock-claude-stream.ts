import { anthropicErrorBody } from './native-error-body.ts';
import { readAwsEventStream } from '../upstream/aws-event-stream.ts';
import { parseJsonObject } from './native-response-reader.ts';
import type { StreamReframing } from './relay-stream.ts';

/**
 * Bedrock's exception events (InvokeModelWithResponseStream "ResponseStream" members), as the
 * Anthropic error types an Anthropic client expects in an `event: error`.
 */
const ERROR_TYPES: Readonly<Record<string, string>> = {
  throttlingException: 'rate_limit_error',
  serviceUnavailableException: 'overloaded_error',
  validationException: 'invalid_request_error',
  modelTimeoutException: 'timeout_error',
  internalServerException: 'api_error',
  modelStreamErrorException: 'api_error',
};

/**
 * Claude on Bedrock streams an AWS event stream (`application/vnd.amazon.eventstream`) whose `chunk`
 * events carry `{"bytes": base64}`, each decoding to one Anthropic Messages event's JSON
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html).
 * An Anthropic client reads Server-Sent Events, so each becomes `event: {type}` + `data: {json}`,
 * written as soon as its frame is complete; an exception becomes Anthropic's `event: error`.
 */
export const bedrockClaudeStream: StreamReframing = {
  contentType: 'text/event-stream; charset=utf-8',
  chunks: bedrockEventsAsServerSentEvents,
};

async function* bedrockEventsAsServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  for await (const event of readAwsEventStream(body)) {
    if (event.event?.startsWith('exception:')) {
      const name = event.event.slice('exception:'.length);
      const message = String(parseJsonObject(event.data)?.message ?? name);
      yield `event: error\ndata: ${anthropicErrorBody(0, message, ERROR_TYPES[name] ?? 'api_error')}\n\n`;
      return;
    }
    if (event.event !== 'chunk') continue;
    const bytes = parseJsonObject(event.data)?.bytes;
    if (typeof bytes !== 'string') continue;
    const payload = parseJsonObject(Buffer.from(bytes, 'base64').toString('utf8'));
    if (payload === undefined) continue;
    // Re-serialised so the data is one line, as an SSE `data:` field must be.
    yield `event: ${String(payload.type)}\ndata: ${JSON.stringify(payload)}\n\n`;
  }
}
