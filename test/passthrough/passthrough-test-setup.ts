import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnthropicMock, type AnthropicMockUpstream } from '../mock-upstreams/anthropic-mock-upstream.ts';
import { startGeminiMock, type GeminiMockUpstream } from '../mock-upstreams/gemini-mock-upstream.ts';
import { startVertexMock, type VertexMockUpstream } from '../mock-upstreams/vertex-mock-upstream.ts';
import { startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { ClaudeOnBedrockMock } from './claude-on-bedrock-mock.ts';

/** The gateway's upstream Gemini key: the mock refuses any other, so the client's key never passes. */
export const GEMINI_UPSTREAM_KEY = 'gemini-upstream-key';
export const ANTHROPIC_UPSTREAM_KEY = 'sk-ant-upstream';

export interface PassthroughSetup {
  gateway: TestGateway;
  anthropic: AnthropicMockUpstream;
  gemini: GeminiMockUpstream;
  vertex: VertexMockUpstream;
  bedrock: ClaudeOnBedrockMock;
  stop(): Promise<void>;
}

/**
 * A gateway configured with Anthropic, Gemini, Vertex AI (a service-account key whose token_uri is
 * the Vertex mock, project `gateway-project`) and Bedrock, each pointed at its mock.
 */
export async function startPassthroughSetup(): Promise<PassthroughSetup> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const [anthropic, gemini, vertex, bedrock] = await Promise.all([
    startAnthropicMock(),
    startGeminiMock({ apiKey: GEMINI_UPSTREAM_KEY }),
    startVertexMock({ publicKey }),
    new ClaudeOnBedrockMock().start(),
  ]);
  const keyPath = join(tmpdir(), `passthrough-vertex-key-${randomUUID()}.json`);
  await writeFile(keyPath, JSON.stringify({
    type: 'service_account', project_id: 'gateway-project', private_key_id: randomUUID(), private_key: privateKey,
    client_email: 'gateway@gateway-project.iam.gserviceaccount.com', token_uri: vertex.tokenUri,
  }));
  const gateway = await startTestGateway([
    'providers:',
    `  anthropic: { api_key: ${ANTHROPIC_UPSTREAM_KEY}, base_url: ${anthropic.url} }`,
    `  gemini: { api_key: ${GEMINI_UPSTREAM_KEY}, base_url: ${gemini.url} }`,
    `  vertex_ai: { project: gateway-project, location: us-east5, base_url: ${vertex.url}, credentials: ${keyPath} }`,
    `  bedrock: { aws_access_key_id: AKIDEXAMPLE, aws_secret_access_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, aws_region_name: us-east-1, base_url: ${bedrock.url} }`,
  ].join('\n'));
  return {
    gateway, anthropic, gemini, vertex, bedrock,
    async stop() {
      await gateway.stop();
      await Promise.all([anthropic.close(), gemini.close(), vertex.close(), bedrock.close()]);
      await rm(keyPath, { force: true });
    },
  };
}

/** Waits until `condition` holds (a mock noticing a closed connection happens on its own schedule). */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
