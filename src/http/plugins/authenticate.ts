import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ApiKeyScope } from '../../config/config.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { hasScope, type AuthContext } from '../../keys/auth-context.ts';
import type { KeyRing } from '../../keys/key-ring.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every /api route. */
    auth: AuthContext;
  }
}

/** Reads `Authorization: Bearer KEY`; passthrough routes add their native headers. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  return header.startsWith('Bearer ') || header.startsWith('bearer ') ? header.slice(7).trim() : undefined;
}

/** An onRequest hook: authenticates with the given key reader (401 on failure). */
export function authenticateWith(keyRing: KeyRing, readKey: (request: FastifyRequest) => string | undefined = bearerToken) {
  return function authenticate(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
    try {
      request.auth = keyRing.authenticate(readKey(request));
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}

/** A preHandler that demands a scope: the admin key and `admin` keys pass everything (contract §3). */
export function requireScope(scope: ApiKeyScope): preHandlerHookHandler {
  return function checkScope(request, _reply, done) {
    if (hasScope(request.auth, scope)) return done();
    done(new GatewayError({ status: 403, message: `This API key lacks the '${scope}' scope`, type: 'permission_error', code: 'insufficient_scope' }));
  };
}
