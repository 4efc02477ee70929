import type { FastifyInstance, FastifyRequest } from 'fastify';
import { handleAnthropicPassthrough, type AnthropicOperation } from '../../../passthrough/anthropic-passthrough.ts';
import { bearerToken } from '../../plugins/authenticate.ts';
import { firstHeader, servePassthrough, setUpPassthroughScope, type PassthroughRouteOptions } from './passthrough-scope.ts';

/**
 * The Anthropic mount, base URL `/api/anthropic` (contract §5). Current Anthropic SDKs send the key
 * as `x-api-key`, or as `Authorization: Bearer` when given an auth token; both are accepted.
 */
export async function registerAnthropicPassthroughRoutes(app: FastifyInstance, options: PassthroughRouteOptions): Promise<void> {
  setUpPassthroughScope(app, { keyRing: options.keyRing, format: 'messages-api', readKey: anthropicKey, keyHint: '"x-api-key: KEY" or "Authorization: Bearer KEY"' });
  const route = (url: string, operation: AnthropicOperation) => {
    app.post(url, (request, reply) => servePassthrough({
      services: options.services,
      request,
      reply,
      endpoint: `passthrough_anthropic_${operation}`,
      handle: (context) => handleAnthropicPassthrough(options.services, context, { operation, body: request.body }),
    }));
  };
  route('/v1/messages', 'messages');
  route('/v1/messages/count_tokens', 'count_tokens');
}

function anthropicKey(request: FastifyRequest): string | undefined {
  return firstHeader(request, 'x-api-key') ?? bearerToken(request);
}
