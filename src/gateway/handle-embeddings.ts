import type { EmbeddingsRequest, EmbeddingsResponse } from '../dialects/openai-chat/types.ts';
import { invalidRequest } from '../errors/gateway-error.ts';
import { UpstreamError } from '../errors/upstream-error.ts';
import type { UpstreamRequest } from '../providers/provider.ts';
import { resolveModel } from '../routing/resolve-model.ts';
import { selectCredentials } from '../routing/select-credentials.ts';
import { toUpstreamError } from '../upstream/http-client.ts';
import { splitGatewayParams } from './gateway-params.ts';
import type { GatewayReply } from './gateway-reply.ts';
import type { GatewayServices } from './gateway-services.ts';
import { gatewayParamsHeader } from './handle-chat-completion.ts';
import { headerValue, type RequestContext } from './request-context.ts';
import { RequestLog } from './request-log.ts';

/** POST /api/embeddings: float or base64 vectors in OpenAI's shape, whatever the host. */
export async function handleEmbeddings(services: GatewayServices, context: RequestContext, body: Record<string, unknown>): Promise<GatewayReply> {
  const log = new RequestLog(services, context, 'embedding');
  try {
    const { params, body: forwarded } = splitGatewayParams(body, gatewayParamsHeader(context));
    const request = forwarded as EmbeddingsRequest;
    log.setRequest({ params, model: typeof request.model === 'string' ? request.model : '', stream: false, prompt: request.input });
    validateEmbeddingsRequest(request);
    const resolved = resolveModel(request.model, {
      catalog: services.catalog, providers: services.providers, operation: 'embeddings', routeProvider: headerValue(context, 'x-respan-route-provider'),
    });
    const provider = resolved.provider;
    const dialect = provider.embeddings!.dialectFor(resolved.upstreamModel);
    const credentials = selectCredentials({
      slug: request.model, modelName: resolved.modelName, provider, stored: services.credentials.get(provider.id),
      customerCredentials: params.customer_credentials, credentialOverride: params.credential_override,
    });
    const attempt = log.startAttempt(resolved);
    let response: EmbeddingsResponse;
    let rawBody: string | undefined;
    try {
      const native = dialect.encodeRequest(request, { upstreamModel: resolved.upstreamModel });
      const target = provider.target({ operation: 'embeddings', upstreamModel: resolved.upstreamModel, stream: false, credentials });
      let upstreamRequest: UpstreamRequest = { method: 'POST', url: target.url, headers: target.headers, body: JSON.stringify(native) };
      if (provider.authorize !== undefined) upstreamRequest = await provider.authorize(upstreamRequest, credentials);
      const upstream = await services.upstream.send(upstreamRequest, context.signal);
      const text = await upstream.body.text().catch((error: unknown) => { throw toUpstreamError(error, 'body'); });
      if (upstream.status >= 400) throw dialect.decodeError({ status: upstream.status, headers: upstream.headers, body: text });
      response = dialect.decodeResponse(parseJson(text), {
        requestedModel: request.model, nowSeconds: Math.floor(Date.now() / 1000), responseId: context.requestId,
        encodingFormat: request.encoding_format === 'base64' ? 'base64' : 'float',
      });
      if (dialect.speaksPivot) rawBody = text;
    } catch (error) {
      log.endAttempt(attempt, error);
      throw error;
    }
    log.endAttempt(attempt);
    return {
      kind: 'json',
      status: 200,
      headers: log.headers(),
      body: rawBody ?? JSON.stringify(response),
      afterSend() {
        const usage = response.usage;
        log.setResult({ usage: usage && { prompt_tokens: usage.prompt_tokens, completion_tokens: 0, total_tokens: usage.total_tokens }, completion: undefined, responseModel: response.model });
        log.succeed();
      },
    };
  } catch (error) {
    throw log.fail(error);
  }
}

function validateEmbeddingsRequest(request: EmbeddingsRequest): void {
  if (typeof request.model !== 'string' || request.model === '') throw invalidRequest('you must provide a model parameter', 'model', 'missing_required_parameter');
  const input = request.input as unknown;
  const valid = typeof input === 'string' || (Array.isArray(input) && input.length > 0);
  if (!valid) throw invalidRequest("'input' must be a string or a non-empty array", 'input', input === undefined ? 'missing_required_parameter' : 'invalid_type');
  if (request.encoding_format !== undefined && request.encoding_format !== 'float' && request.encoding_format !== 'base64') {
    throw invalidRequest("'encoding_format' must be 'float' or 'base64'", 'encoding_format', 'invalid_value');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError({ kind: 'invalid-response', status: 502, message: 'Upstream returned a body that is not JSON', code: 'upstream_invalid_response', retryable: true, cause: error });
  }
}
