import type { EmbeddingsRequest, EmbeddingsResponse } from '../dialects/openai-chat/types.ts';
import { invalidRequest } from '../errors/gateway-error.ts';
import type { AttemptTarget } from '../routing/build-plan.ts';
import { callProvider, parseUpstreamJson, readUpstreamText } from './call-provider.ts';
import { splitGatewayParams } from './gateway-params.ts';
import type { GatewayReply } from './gateway-reply.ts';
import type { GatewayServices } from './gateway-services.ts';
import { gatewayParamsHeader } from './handle-chat-completion.ts';
import { admitLimits } from './admit-limits.ts';
import { planRequest } from './plan-request.ts';
import { cacheStageFor } from './response-cache-stage.ts';
import { cacheEntryUsage } from '../cache/cache-entry.ts';
import type { RequestContext } from './request-context.ts';
import { RequestLog } from './request-log.ts';
import { runAttempts } from './run-attempts.ts';

/** POST /api/embeddings: float or base64 vectors in OpenAI's shape, whatever the host. */
export async function handleEmbeddings(services: GatewayServices, context: RequestContext, body: Record<string, unknown>): Promise<GatewayReply> {
  const log = new RequestLog(services, context, 'embedding');
  try {
    const { params, body: forwarded } = splitGatewayParams(body, gatewayParamsHeader(context));
    const request = forwarded as EmbeddingsRequest;
    log.setRequest({ params, model: typeof request.model === 'string' ? request.model : '', stream: false, prompt: request.input });
    validateEmbeddingsRequest(request);
    const cache = cacheStageFor({ services, context, params, operation: 'embeddings', request });
    const cached = await cache?.lookup();
    if (cache !== undefined && cached?.operation === 'embeddings') {
      log.markCacheHit({ omitLog: cache.omitLog, model: cached.model, providerId: cached.providerId });
      log.setResult({ usage: cacheEntryUsage(cached), completion: undefined, responseModel: cached.embeddings.model });
      return { kind: 'json', status: 200, headers: log.headers(), body: JSON.stringify(cached.embeddings), afterSend: () => log.succeed() };
    }
    const { plan, policy, deadline } = planRequest(services, context, params, request.model, 'embeddings');
    log.holdAdmission(await admitLimits({ services, context, params, plan, prompt: request.input, maxOutputTokens: 0 }));
    const { result, target } = await runAttempts({
      plan, policy, deadline, log, cooldowns: services.cooldowns, signal: context.signal,
      attempt: (target) => embed({ services, context, request, target }),
    });
    const { response, rawBody } = result;
    return {
      kind: 'json',
      status: 200,
      headers: log.headers(),
      body: rawBody ?? JSON.stringify(response),
      afterSend() {
        // Some hosts (the Gemini API) report no usage for embeddings: estimate it (~4 characters a
        // token) so the log still has a cost, and say it was estimated.
        const reported = response.usage?.prompt_tokens ?? 0;
        const promptTokens = reported > 0 ? reported : Math.ceil(inputCharacters(request.input) / 4);
        log.setResult({
          usage: { prompt_tokens: promptTokens, completion_tokens: 0, total_tokens: promptTokens },
          completion: undefined, responseModel: response.model, usageEstimated: reported === 0,
        });
        log.succeed();
        cache?.store({
          operation: 'embeddings', embeddings: response, storedAt: Date.now(), providerId: target.resolved.provider.id,
          model: target.resolved.modelName, customerIdentifier: cache.customerIdentifier,
        });
      },
    };
  } catch (error) {
    throw log.fail(error);
  }
}

async function embed(options: { services: GatewayServices; context: RequestContext; request: EmbeddingsRequest; target: AttemptTarget }): Promise<{ response: EmbeddingsResponse; rawBody: string | undefined }> {
  const { services, context, request, target } = options;
  const provider = target.resolved.provider;
  const upstreamModel = target.resolved.upstreamModel;
  const dialect = provider.embeddings!.dialectFor(upstreamModel);
  const upstream = await callProvider({
    client: services.upstream, provider, operation: 'embeddings', upstreamModel, stream: false, credentials: target.credentials,
    body: dialect.encodeRequest(request, { upstreamModel }), signal: context.signal, decodeError: (response) => dialect.decodeError(response),
  });
  const text = await readUpstreamText(upstream);
  const response = dialect.decodeResponse(parseUpstreamJson(text), {
    requestedModel: request.model, nowSeconds: Math.floor(Date.now() / 1000), responseId: context.requestId,
    encodingFormat: request.encoding_format === 'base64' ? 'base64' : 'float',
  });
  return { response, rawBody: dialect.speaksPivot ? text : undefined };
}

function inputCharacters(input: EmbeddingsRequest['input']): number {
  if (typeof input === 'string') return input.length;
  let characters = 0;
  for (const item of input) characters += typeof item === 'string' ? item.length : Array.isArray(item) ? item.length * 4 : 4;
  return characters;
}

function validateEmbeddingsRequest(request: EmbeddingsRequest): void {
  const input = request.input as unknown;
  const valid = typeof input === 'string' || (Array.isArray(input) && input.length > 0);
  if (!valid) throw invalidRequest("'input' must be a string or a non-empty array", 'input', input === undefined ? 'missing_required_parameter' : 'invalid_type');
  if (request.encoding_format !== undefined && request.encoding_format !== 'float' && request.encoding_format !== 'base64') {
    throw invalidRequest("'encoding_format' must be 'float' or 'base64'", 'encoding_format', 'invalid_value');
  }
}
