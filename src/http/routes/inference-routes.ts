import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleChatCompletion } from '../../gateway/handle-chat-completion.ts';
import { handleEmbeddings } from '../../gateway/handle-embeddings.ts';
import { handleResponses } from '../../gateway/handle-responses.ts';
import type { GatewayReply } from '../../gateway/gateway-reply.ts';
import type { GatewayServices } from '../../gateway/gateway-services.ts';
import { newRequestContext, type RequestContext } from '../../gateway/request-context.ts';
import { chatCompletionBodySchema, embeddingsBodySchema, responsesBodySchema } from '../schemas/chat-completion-body.ts';
import { sendGatewayReply } from '../send-gateway-reply.ts';

type Handler = (services: GatewayServices, context: RequestContext, body: Record<string, unknown>) => Promise<GatewayReply>;

/** The OpenAI-compatible router endpoints (contract §4). Authentication runs in the parent scope. */
export async function registerInferenceRoutes(app: FastifyInstance, services: GatewayServices): Promise<void> {
  const route = (url: string, schema: object, handler: Handler, endpoint: string) => {
    const metrics = services.metrics.forEndpoint(endpoint);
    app.post(url, { schema: { body: schema } }, async (request, reply) => {
      const context = contextFor(request, reply);
      try {
        await sendGatewayReply(reply, await handler(services, context, request.body as Record<string, unknown>));
        metrics.served(reply.raw.statusCode, context.receivedAt);
      } catch (error) {
        metrics.served((error as { status?: number }).status ?? 500, context.receivedAt);
        throw error;
      }
    });
  };
  route('/chat/completions', chatCompletionBodySchema, handleChatCompletion, 'chat_completions');
  route('/embeddings', embeddingsBodySchema, handleEmbeddings, 'embeddings');
  route('/responses', responsesBodySchema, handleResponses, 'responses');
}

/** A request's pipeline context: its signal aborts when the client hangs up before the end. */
export function contextFor(request: FastifyRequest, reply: FastifyReply): RequestContext {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return newRequestContext({ auth: request.auth, signal: controller.signal, headers: request.headers, requestId: request.id });
}
