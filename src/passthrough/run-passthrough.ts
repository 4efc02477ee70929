import type { UpstreamErrorResponse } from '../dialects/dialect.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';
import type { AttemptHandle, RequestLog } from '../gateway/request-log.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { RequestContext } from '../gateway/request-context.ts';
import type { UpstreamRequest } from '../providers/provider.ts';
import { toUpstreamError, type UpstreamResponse } from '../upstream/http-client.ts';
import { admitPassthroughLimits, type PassthroughLimitInput } from './admit-passthrough-limits.ts';
import type { NativeResponseReader } from './native-response-reader.ts';
import type { PassthroughReply } from './passthrough-reply.ts';
import type { PassthroughTarget } from './passthrough-model.ts';
import { pickResponseHeaders } from './pick-response-headers.ts';
import { relayStream, type StreamReframing } from './relay-stream.ts';
import type { StreamFraming } from './stream-event-tap.ts';

export interface PassthroughCall {
  services: GatewayServices;
  context: RequestContext;
  log: RequestLog;
  target: PassthroughTarget;
  /** What the key's and the customer's limits are checked against. */
  limits: PassthroughLimitInput;
  /** The native request, before the provider's authorize() (OAuth token, SigV4). */
  request: UpstreamRequest;
  reader: NativeResponseReader;
  /** How a successful answer streams; undefined when the call answers one body. */
  streamFraming: StreamFraming | undefined;
  /** For hosts whose stream the client cannot read as is (Claude on Bedrock). */
  reframe?: StreamReframing;
  decodeError(response: UpstreamErrorResponse): UpstreamError;
  /** The error body in the client's shape, for hosts that answer in another (Claude on Vertex AI, Bedrock). */
  nativeErrorBody?(body: string, error: UpstreamError): string;
}

/**
 * One passthrough call: a single upstream attempt (a passthrough is never retried, rerouted or
 * cached), its answer handed back as the upstream sent it. Failures before an answer are thrown
 * for the caller to log and render natively; an upstream error status is the client's answer,
 * forwarded with its body and logged as an error.
 */
export async function runPassthrough(call: PassthroughCall): Promise<PassthroughReply> {
  const { log, target } = call;
  await admitPassthroughLimits({ services: call.services, context: call.context, log, target, ...call.limits });
  const attempt = log.startAttempt(target.resolved);
  let response: UpstreamResponse;
  try {
    const provider = target.resolved.provider;
    const request = provider.authorize === undefined ? call.request : await provider.authorize(call.request, target.credentials);
    response = await call.services.upstream.send(request, call.context.signal);
  } catch (error) {
    log.endAttempt(attempt, error);
    throw error;
  }
  const headers = { ...pickResponseHeaders(response.headers), ...log.headers() };
  if (response.status < 200 || response.status >= 300) return errorReply({ call, attempt, response, headers });
  if (call.streamFraming === undefined) return bufferedReply({ call, attempt, response, headers });
  log.endAttempt(attempt);
  const reframed: Record<string, string> = call.reframe === undefined ? {} : { 'content-type': call.reframe.contentType };
  return {
    kind: 'stream',
    status: response.status,
    headers: { ...headers, ...reframed, 'x-accel-buffering': 'no' },
    chunks: relayStream({ log, reader: call.reader, framing: call.streamFraming, body: response.body, reframe: call.reframe, signal: call.context.signal }),
  };
}

interface ReplyParts {
  call: PassthroughCall;
  attempt: AttemptHandle;
  response: UpstreamResponse;
  headers: Record<string, string>;
}

/** A whole answer: sent as received; usage is read from a copy once it has gone out. */
async function bufferedReply({ call, attempt, response, headers }: ReplyParts): Promise<PassthroughReply> {
  const body = await readWholeBody(call, attempt, response);
  call.log.endAttempt(attempt);
  return {
    kind: 'buffered',
    status: response.status,
    headers,
    body,
    afterSend() {
      call.reader.readBody(Buffer.from(body).toString('utf8'));
      call.log.setResult(call.reader.summary());
      call.log.succeed();
    },
  };
}

async function errorReply({ call, attempt, response, headers }: ReplyParts): Promise<PassthroughReply> {
  const body = await readWholeBody(call, attempt, response);
  const text = Buffer.from(body).toString('utf8');
  const error = call.decodeError({ status: response.status, headers: response.headers, body: text });
  call.log.endAttempt(attempt, error);
  const rewritten = call.nativeErrorBody?.(text, error);
  return {
    kind: 'buffered',
    status: response.status,
    headers: rewritten === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: rewritten ?? body,
    afterSend: () => void call.log.fail(error),
  };
}

async function readWholeBody(call: PassthroughCall, attempt: AttemptHandle, response: UpstreamResponse): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.body.arrayBuffer());
  } catch (error) {
    const failure = toUpstreamError(error, 'body');
    call.log.endAttempt(attempt, failure);
    throw failure;
  }
}
