import type { CallModel } from '../evaluations/run-evaluator.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { GatewayServices } from './gateway-services.ts';
import { handleChatCompletion } from './handle-chat-completion.ts';
import { newRequestContext } from './request-context.ts';

/** The key name on logs of the gateway's own calls; online evaluation never scores those (no judge loops). */
export const GATEWAY_KEY_NAME = 'gateway';

const GATEWAY_ITSELF = Object.freeze({ keyId: null, keyName: GATEWAY_KEY_NAME, scope: 'admin' as const, limits: [] });

/**
 * Model calls the gateway makes for itself (LLM judges, experiments) go through its own chat
 * pipeline, so fallbacks, credentials, cost accounting and logging apply to them as to any
 * request; a judge's call is logged as a child span of the log it scores.
 */
export function callModelThroughGateway(services: GatewayServices): CallModel {
  return async (request) => {
    const parent = request.parentLogId === undefined ? undefined : await services.findLog(request.parentLogId);
    const context = newRequestContext({ auth: GATEWAY_ITSELF, signal: new AbortController().signal, headers: {} });
    const reply = await handleChatCompletion(services, context, {
      model: request.model,
      messages: request.messages,
      metadata: { purpose: request.purpose },
      ...(parent !== undefined && { trace_unique_id: parent.trace_unique_id, span_parent_id: parent.unique_id, span_name: `${request.purpose}: ${request.model}` }),
    });
    if (reply.kind !== 'json') throw new GatewayError({ status: 500, message: 'A model call for the gateway itself must not stream' });
    reply.afterSend?.();
    const completion = JSON.parse(reply.body) as { choices?: Array<{ message?: { role: string; content: unknown } }> };
    const message = completion.choices?.[0]?.message ?? { role: 'assistant', content: null };
    return { message };
  };
}
