import type { UpstreamErrorResponse } from '../dialects/dialect.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { Operation, Provider, ProviderCredentials, UpstreamRequest } from '../providers/provider.ts';
import { toUpstreamError, type UpstreamHttpClient, type UpstreamResponse } from '../upstream/http-client.ts';

export interface ProviderCall {
  client: UpstreamHttpClient;
  provider: Provider;
  operation: Operation;
  upstreamModel: string;
  stream: boolean;
  credentials: ProviderCredentials;
  /** The request in the host's wire format. */
  body: unknown;
  signal: AbortSignal;
  decodeError(response: UpstreamErrorResponse): UpstreamError;
}

/** One upstream call: target, authorization, send; an error status becomes the dialect's typed error. */
export async function callProvider(call: ProviderCall): Promise<UpstreamResponse> {
  const target = call.provider.target({ operation: call.operation, upstreamModel: call.upstreamModel, stream: call.stream, credentials: call.credentials });
  let request: UpstreamRequest = { method: 'POST', url: target.url, headers: target.headers, body: JSON.stringify(call.body) };
  if (call.provider.authorize !== undefined) request = await call.provider.authorize(request, call.credentials);
  const response = await call.client.send(request, call.signal);
  if (response.status >= 400) {
    throw call.decodeError({ status: response.status, headers: response.headers, body: await readUpstreamText(response) });
  }
  return response;
}

export async function readUpstreamText(response: UpstreamResponse): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw toUpstreamError(error, 'body');
  }
}

export function parseUpstreamJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'Upstream returned a body that is not JSON', code: 'upstream_invalid_response', retryable: true, cause: error });
  }
}
