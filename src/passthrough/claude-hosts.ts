import { anthropicErrorBody } from './native-error-body.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';
import type { GatewayParams } from '../gateway/gateway-params.ts';
import type { GatewayServices } from '../gateway/gateway-services.ts';
import type { UpstreamRequest } from '../providers/provider.ts';
import { bedrockClaudeStream } from './bedrock-claude-stream.ts';
import { parseJsonObject } from './native-response-reader.ts';
import { passthroughTarget, providerNamed, type PassthroughTarget } from './passthrough-model.ts';
import type { StreamReframing } from './relay-stream.ts';

/** Claude on Vertex AI names this in the body instead of the `anthropic-version` header. */
const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';
/** Claude on Bedrock's InvokeModel body version. */
const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

export interface ClaudeCall {
  services: GatewayServices;
  params: GatewayParams;
  /** The Messages body without gateway parameters. */
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  operation: 'messages' | 'count_tokens';
  /** The client's `anthropic-*` headers (version, beta, ...). */
  anthropicHeaders: Record<string, string>;
}

export interface ClaudeHostCall {
  target: PassthroughTarget;
  request: UpstreamRequest;
  reframe?: StreamReframing;
  nativeErrorBody?(body: string, error: UpstreamError): string;
}

type ClaudeHost = (call: ClaudeCall) => ClaudeHostCall;

/**
 * The hosts an Anthropic Messages call can be served by, by `X-Respan-Route-Provider` (absent:
 * Anthropic). Each adjusts the same Messages body as its API requires; the answer is Anthropic's
 * Messages format on every one.
 */
export const CLAUDE_HOSTS: Readonly<Record<string, ClaudeHost>> = {
  anthropic: onAnthropic,
  vertex_ai: onVertex,
  bedrock: onBedrock,
};

/** Anthropic's API: the body as sent, the client's `anthropic-*` headers over the gateway's defaults. */
function onAnthropic(call: ClaudeCall): ClaudeHostCall {
  const target = passthroughTarget(call.services, { providerId: 'anthropic', modelName: call.model, upstreamModel: call.model, params: call.params });
  const { url, headers } = target.resolved.provider.target({ operation: 'chat', upstreamModel: call.model, stream: call.stream, credentials: target.credentials });
  return {
    target,
    request: {
      method: 'POST',
      url: call.operation === 'count_tokens' ? `${url}/count_tokens` : url,
      headers: { ...headers, ...call.anthropicHeaders },
      body: JSON.stringify(call.body),
    },
  };
}

/**
 * Claude on Vertex AI (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude/use-claude):
 * `rawPredict` / `streamRawPredict` on the `anthropic` publisher under the gateway's project and
 * location; the model moves from the body to the URL (as Vertex's id, `claude-sonnet-4@20250514`)
 * and `anthropic_version` goes in the body. Beta headers pass as they are.
 */
function onVertex(call: ClaudeCall): ClaudeHostCall {
  refuseCountTokens(call, 'vertex_ai');
  const provider = providerNamed(call.services, 'vertex_ai');
  const upstreamModel = provider.upstreamModelFor?.(call.model) ?? call.model;
  const target = passthroughTarget(call.services, { providerId: 'vertex_ai', modelName: call.model, upstreamModel, params: call.params });
  const { url, headers } = provider.target({ operation: 'chat', upstreamModel, stream: call.stream, credentials: target.credentials });
  const { model: _model, ...body } = call.body;
  const beta = call.anthropicHeaders['anthropic-beta'];
  return {
    target,
    request: {
      method: 'POST',
      url,
      headers: beta === undefined ? headers : { ...headers, 'anthropic-beta': beta },
      body: JSON.stringify({ ...body, anthropic_version: VERTEX_ANTHROPIC_VERSION }),
    },
    nativeErrorBody: asAnthropicError,
  };
}

/**
 * Claude on Bedrock (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html):
 * `InvokeModel`, or `InvokeModelWithResponseStream` for a stream, at the model's Bedrock id; the body
 * has no `model` or `stream`, names `anthropic_version`, and carries beta flags as `anthropic_beta`.
 * The host's `embeddings` operation is InvokeModel (`/model/{id}/invoke`); the streaming call is
 * the same path with `-with-response-stream`.
 */
function onBedrock(call: ClaudeCall): ClaudeHostCall {
  refuseCountTokens(call, 'bedrock');
  const provider = providerNamed(call.services, 'bedrock');
  const upstreamModel = provider.upstreamModelFor?.(call.model) ?? call.model;
  const target = passthroughTarget(call.services, { providerId: 'bedrock', modelName: call.model, upstreamModel, params: call.params });
  const invoke = provider.target({ operation: 'embeddings', upstreamModel, stream: false, credentials: target.credentials });
  const { model: _model, stream: _stream, ...body } = call.body;
  const beta = call.anthropicHeaders['anthropic-beta']?.split(',').map((flag) => flag.trim()).filter((flag) => flag !== '');
  return {
    target,
    request: {
      method: 'POST',
      url: call.stream ? `${invoke.url}-with-response-stream` : invoke.url,
      headers: { ...invoke.headers, accept: call.stream ? 'application/vnd.amazon.eventstream' : 'application/json' },
      body: JSON.stringify({ ...body, anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...(beta?.length ? { anthropic_beta: beta } : {}) }),
    },
    reframe: call.stream ? bedrockClaudeStream : undefined,
    nativeErrorBody: asAnthropicError,
  };
}

/** Vertex and Bedrock answer some errors in their own shapes; the Anthropic client gets Anthropic's. */
function asAnthropicError(body: string, error: UpstreamError): string {
  if (parseJsonObject(body)?.type === 'error') return body;
  return anthropicErrorBody(error.status, error.message);
}

function refuseCountTokens(call: ClaudeCall, providerId: string): void {
  if (call.operation !== 'count_tokens') return;
  throw new GatewayError({ status: 400, message: `count_tokens is served by Anthropic only, not through X-Respan-Route-Provider: ${providerId}`, param: 'X-Respan-Route-Provider', code: 'unsupported_operation' });
}
