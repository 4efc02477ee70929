import type { FastifyInstance } from 'fastify';
import { registerAnthropicPassthroughRoutes } from './anthropic-passthrough-routes.ts';
import { registerGeminiPassthroughRoutes, registerVertexPassthroughRoutes } from './google-passthrough-routes.ts';
import type { PassthroughRouteOptions } from './passthrough-scope.ts';

/**
 * The native passthrough mounts (contract §5), registered under `/api` without the bearer hook:
 * each mount authenticates with its provider's own key header and answers errors natively.
 */
export function passthroughRoutes(options: PassthroughRouteOptions): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    await app.register(async (scope) => registerAnthropicPassthroughRoutes(scope, options), { prefix: '/anthropic' });
    await app.register(async (scope) => registerGeminiPassthroughRoutes(scope, options), { prefix: '/google/gemini' });
    await app.register(async (scope) => registerVertexPassthroughRoutes(scope, options), { prefix: '/google/vertexai' });
  };
}
