import type { OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, type TestGateway } from '../support/test-gateway.ts';

/** The gateway config the dashboard tests run on: OpenAI and Groq served by one mock upstream. */
export function dashboardGatewayConfig(mock: OpenAIMockUpstream): string {
  return [
    'retries: { retry_enabled: true, num_retries: 1, retry_after: 0.01 }',
    'fallback_models: [gpt-4.1-mini, groq/llama-3.3-70b-versatile, gpt-4o]',
    'providers:',
    `  openai: { api_key: sk-openai-secret, base_url: ${mock.url}/v1 }`,
    `  groq: { api_key: sk-groq-secret, base_url: ${mock.url}/v1 }`,
    'deployments:',
    `  - { name: openai-b, provider: openai, api_key: sk-deployment-b, base_url: ${mock.url}/v1, weight: 2, available_models: [gpt-4o] }`,
  ].join('\n');
}

interface SeedRequest {
  model: string;
  customer: string;
  metadata: Record<string, string>;
  content: string;
  stream?: boolean;
}

const requests: SeedRequest[] = [
  { model: 'gpt-4o-mini', customer: 'alice', metadata: { env: 'prod', feature: 'chat' }, content: 'What is the capital of France?' },
  { model: 'gpt-4o', customer: 'alice', metadata: { env: 'prod', feature: 'search' }, content: 'Summarise this page in one line.' },
  { model: 'gpt-4o-mini', customer: 'alice', metadata: { env: 'prod', feature: 'chat' }, content: 'And of Italy?', stream: true },
  { model: 'gpt-4.1-mini', customer: 'bob', metadata: { env: 'staging', feature: 'chat' }, content: 'Translate "hello" to German.' },
  { model: 'groq/llama-3.3-70b-versatile', customer: 'bob', metadata: { env: 'staging', feature: 'agents' }, content: 'Plan a three-step task.' },
  { model: 'gpt-4o-mini', customer: 'carol', metadata: { env: 'prod', feature: 'support' }, content: 'My order has not arrived.' },
];

const serverError = { kind: 'status' as const, status: 500, body: JSON.stringify({ error: { message: 'The upstream is overloaded', type: 'server_error', param: null, code: null } }) };
const badRequest = { kind: 'status' as const, status: 400, body: JSON.stringify({ error: { message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature', code: null } }) };

async function send(gateway: TestGateway, request: SeedRequest): Promise<string> {
  const response = await fetch(`${gateway.apiBase}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: request.model,
      messages: [{ role: 'system', content: 'You are a concise assistant.' }, { role: 'user', content: request.content }],
      stream: request.stream === true,
      ...(request.stream === true && { stream_options: { include_usage: true } }),
      customer_identifier: request.customer,
      metadata: request.metadata,
      thread_identifier: `thread-${request.customer}`,
    }),
  });
  await response.arrayBuffer();
  const logId = response.headers.get('x-respan-log-id');
  if (logId === null) throw new Error(`seed request for ${request.customer} wrote no log (status ${response.status})`);
  return logId;
}

/**
 * Requests from three customers with metadata, one retried after a 500 (two attempts in its
 * tree), one refused by the upstream with a 400; a load-balance group; a read-only key.
 */
export async function seedDashboardData(gateway: TestGateway, mock: OpenAIMockUpstream): Promise<{ logIds: string[] }> {
  const logIds: string[] = [];
  for (const request of requests) logIds.push(await send(gateway, request));
  mock.script(serverError);
  logIds.push(await send(gateway, { model: 'gpt-4o', customer: 'carol', metadata: { env: 'prod', feature: 'retry-demo' }, content: 'Retry me.' }));
  mock.script(badRequest);
  logIds.push(await send(gateway, { model: 'gpt-4o-mini', customer: 'bob', metadata: { env: 'staging', feature: 'chat' }, content: 'This one fails.' }));
  for (const logId of logIds) await fetchLog(gateway, logId);

  await expectOk(gateway.admin('/api/load-balance-groups/', { body: { group_id: 'chat', models: [{ model: 'gpt-4o', weight: 3 }, { model: 'gpt-4o-mini', weight: 1 }] } }));
  await expectOk(gateway.admin('/api/api-keys/', { body: { name: 'analytics-readonly', scope: 'read' } }));
  return { logIds };
}

async function expectOk(pending: Promise<Response>): Promise<void> {
  const response = await pending;
  if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
}
