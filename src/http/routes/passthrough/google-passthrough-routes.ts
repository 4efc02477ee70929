import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { handleGeminiPassthrough } from '../../../passthrough/gemini-passthrough.ts';
import { handleVertexPassthrough, isVertexPublisher } from '../../../passthrough/vertex-passthrough.ts';
import { bearerToken } from '../../plugins/authenticate.ts';
import { firstHeader, queryOf, servePassthrough, setUpPassthroughScope, type PassthroughRouteOptions } from './passthrough-scope.ts';

const GEMINI_VERSIONS: ReadonlySet<string> = new Set(['v1beta', 'v1']);

/**
 * The Gemini mount, base URL `/api/google/gemini` (contract §5): `{v1beta|v1}/models/{model}:{method}`.
 * `@google/genai` sends the key as `x-goog-api-key`; REST callers often use `?key=`.
 */
export async function registerGeminiPassthroughRoutes(app: FastifyInstance, options: PassthroughRouteOptions): Promise<void> {
  setUpPassthroughScope(app, { keyRing: options.keyRing, format: 'google-api', readKey: googleKey, keyHint: '"x-goog-api-key: KEY" or "?key=KEY"' });
  app.post<{ Params: { version: string; '*': string } }>('/:version/models/*', (request, reply) => {
    if (!GEMINI_VERSIONS.has(request.params.version)) throw notFound(request);
    return servePassthrough({
      services: options.services,
      request,
      reply,
      endpoint: 'passthrough_gemini',
      handle: (context) => handleGeminiPassthrough(options.services, context, {
        version: request.params.version,
        modelAndMethod: request.params['*'],
        query: queryOf(request),
        body: request.body,
      }),
    });
  });
}

/**
 * The Vertex AI mount, base URL `/api/google/vertexai` (contract §5). Vertex clients authenticate
 * with `Authorization: Bearer`, which here carries the gateway key; the Google key headers work too.
 */
export async function registerVertexPassthroughRoutes(app: FastifyInstance, options: PassthroughRouteOptions): Promise<void> {
  setUpPassthroughScope(app, { keyRing: options.keyRing, format: 'google-api', readKey: googleKey, keyHint: '"Authorization: Bearer KEY"' });
  type Params = { project: string; location: string; publisher: string; '*': string };
  app.post<{ Params: Params }>('/v1/projects/:project/locations/:location/publishers/:publisher/models/*', (request, reply) => {
    const publisher = request.params.publisher;
    if (!isVertexPublisher(publisher)) throw notFound(request);
    return servePassthrough({
      services: options.services,
      request,
      reply,
      endpoint: 'passthrough_vertex_ai',
      handle: (context) => handleVertexPassthrough(options.services, context, {
        publisher,
        modelAndMethod: request.params['*'],
        query: queryOf(request),
        body: request.body,
      }),
    });
  });
}

function googleKey(request: FastifyRequest): string | undefined {
  return firstHeader(request, 'x-goog-api-key') ?? queryOf(request).get('key') ?? bearerToken(request);
}

function notFound(request: FastifyRequest): GatewayError {
  return new GatewayError({ status: 404, message: `Unknown route: ${request.method} ${request.url.split('?')[0]}`, code: 'unknown_route' });
}
