import type { IncomingHttpHeaders } from 'node:http';
import { readFixture as readOpenAIFixture } from '../../src/dialects/openai-chat/fixtures/read-fixture.ts';
import { startAnthropicMock } from '../mock-upstreams/anthropic-mock-upstream.ts';
import { startBedrockMock } from '../mock-upstreams/bedrock-mock-upstream.ts';
import { startGeminiMock } from '../mock-upstreams/gemini-mock-upstream.ts';
import { startOpenAIMock } from '../mock-upstreams/openai-mock-upstream.ts';
import { startVertexMock } from '../mock-upstreams/vertex-mock-upstream.ts';
import { createServiceAccountKey, serviceAccountPublicKey } from './service-account-key.ts';

/**
 * Each provider's mock upstream behind one small interface, with the gateway config entry that
 * points at it, so conformance tests can start any of them alike.
 */

export interface RecordedUpstreamRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface RunningUpstream {
  /** This provider's entry under `providers:` in the gateway config (`openai: {...}`), pointing at the mock. */
  providerEntry: string;
  /** Every model call the upstream received, in order (token grants are not model calls). */
  readonly requests: readonly RecordedUpstreamRequest[];
  /** The next call answers with this provider's documented 429. */
  rateLimitNext(): void;
  close(): Promise<void>;
}

/** The Retry-After (seconds) the mocks send with a 429, where the provider sends one. */
export const RETRY_AFTER_SECONDS = 7;
export const VERTEX_PROJECT = 'test-project';
export const VERTEX_LOCATION = 'us-central1';
export const AWS_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

const openAIRateLimit = readOpenAIFixture('error-429.json');

/** A gateway config whose `providers:` holds these entries. */
export function providersYaml(...entries: string[]): string {
  return ['providers:', ...entries.map((entry) => `  ${entry}`)].join('\n');
}

/** `key: value` pairs as a YAML flow mapping; JSON strings are valid YAML scalars. */
function flow(fields: Record<string, unknown>): string {
  return `{ ${Object.entries(fields).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(', ')} }`;
}

export async function startOpenAIUpstream(): Promise<RunningUpstream> {
  const mock = await startOpenAIMock();
  return {
    providerEntry: `openai: ${flow({ api_key: 'sk-upstream-openai', base_url: `${mock.url}/v1` })}`,
    requests: mock.requests,
    rateLimitNext: () => mock.script({ kind: 'status', status: 429, body: openAIRateLimit, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } }),
    close: () => mock.close(),
  };
}

export async function startAzureUpstream(): Promise<RunningUpstream> {
  const mock = await startOpenAIMock();
  return {
    providerEntry: `azure: ${flow({ api_key: 'azure-upstream-key', api_base: mock.url, api_version: '2024-10-21' })}`,
    requests: mock.requests,
    rateLimitNext: () => mock.script({ kind: 'status', status: 429, body: openAIRateLimit, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } }),
    close: () => mock.close(),
  };
}

export async function startAnthropicUpstream(): Promise<RunningUpstream> {
  const mock = await startAnthropicMock();
  return {
    providerEntry: `anthropic: ${flow({ api_key: 'sk-ant-upstream', base_url: mock.url })}`,
    requests: mock.requests,
    rateLimitNext: () => mock.script({ kind: 'rate-limited', retryAfterSeconds: RETRY_AFTER_SECONDS }),
    close: () => mock.close(),
  };
}

/** The Gemini mock checks the key: a request with another `x-goog-api-key` gets Google's 400. */
export async function startGeminiUpstream(): Promise<RunningUpstream> {
  const mock = await startGeminiMock({ apiKey: 'gemini-upstream-key' });
  return {
    providerEntry: `gemini: ${flow({ api_key: 'gemini-upstream-key', base_url: mock.url })}`,
    requests: mock.requests,
    rateLimitNext: () => mock.script({ kind: 'rate-limited', retryAfterSeconds: RETRY_AFTER_SECONDS }),
    close: () => mock.close(),
  };
}

/**
 * Vertex AI with a fresh service-account key whose `token_uri` is the mock's token endpoint; the mock
 * checks each assertion's signature and only serves tokens it issued.
 */
export async function startVertexUpstream(): Promise<RunningUpstream & { tokenRequests(): number }> {
  const mock = await startVertexMock({ publicKey: serviceAccountPublicKey });
  const credentials = { project: VERTEX_PROJECT, location: VERTEX_LOCATION, base_url: mock.url, credentials: createServiceAccountKey(mock.tokenUri) };
  return {
    providerEntry: `vertex_ai: ${flow(credentials)}`,
    requests: mock.requests,
    rateLimitNext: () => mock.script({ kind: 'rate-limited', retryAfterSeconds: RETRY_AFTER_SECONDS }),
    close: () => mock.close(),
    tokenRequests: () => mock.tokenRequests,
  };
}

/** Vertex AI's publisher path for a model method. */
export function vertexPath(publisher: 'google' | 'anthropic', model: string, method: string): string {
  return `/v1/projects/${VERTEX_PROJECT}/locations/${VERTEX_LOCATION}/publishers/${publisher}/models/${model}:${method}`;
}

/** Bedrock; the mock recomputes every SigV4 signature with the secret and answers 403 on a mismatch. */
export async function startBedrockUpstream(): Promise<RunningUpstream & { signaturesValid(): boolean }> {
  const mock = await startBedrockMock({ credentials: AWS_CREDENTIALS });
  const credentials = {
    aws_access_key_id: AWS_CREDENTIALS.accessKeyId, aws_secret_access_key: AWS_CREDENTIALS.secretAccessKey, aws_region_name: 'us-east-1', base_url: mock.url,
  };
  return {
    providerEntry: `bedrock: ${flow(credentials)}`,
    requests: mock.requests,
    // Bedrock's documented ThrottlingException carries no Retry-After.
    rateLimitNext: () => mock.script({ kind: 'throttling' }),
    close: () => mock.close(),
    signaturesValid: () => mock.requests.every((request) => request.signatureValid === true),
  };
}

/** `/model/{modelId}/{operation}` as Bedrock Runtime names it, the id URL-encoded. */
export function bedrockPath(modelId: string, operation: 'converse' | 'converse-stream' | 'invoke'): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}
