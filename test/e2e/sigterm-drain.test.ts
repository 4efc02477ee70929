import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { startGatewayProcess } from '../support/gateway-process.ts';

let mock: OpenAIMockUpstream;
let directory: string;

before(async () => {
  mock = await startOpenAIMock();
  directory = await mkdtemp(join(tmpdir(), 'switchboard-sigterm-'));
});

after(async () => {
  await mock.close();
  await rm(directory, { recursive: true, force: true });
});

test('SIGTERM: in-flight streams finish, new connections are refused, logs are flushed, exit 0', async () => {
  const database = join(directory, 'switchboard.db');
  const gateway = await startGatewayProcess({
    directory,
    name: 'drain',
    yaml: [
      `database_url: sqlite:${database}`,
      'providers:',
      `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`,
      'api_keys:',
      '  - { name: drain, key: sk-drain-0123456789 }',
    ].join('\n'),
  });
  const headers = { authorization: 'Bearer sk-drain-0123456789', 'content-type': 'application/json' };
  const quick = await fetch(`${gateway.url}/api/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }) });
  assert.equal(quick.status, 200);

  mock.script({ kind: 'slow-stream', delayMs: 60 });
  const streaming = await fetch(`${gateway.url}/api/chat/completions`, {
    method: 'POST', headers, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true }),
  });
  const reader = streaming.body!.getReader();
  const first = await reader.read();
  assert.ok(first.value && first.value.length > 0, 'the stream has started');

  const exitCode = gateway.stop('SIGTERM');
  let text = new TextDecoder().decode(first.value);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  assert.ok(text.trimEnd().endsWith('data: [DONE]'), 'the in-flight stream ran to its end');
  await assert.rejects(fetch(`${gateway.url}/health`), 'a stopped gateway accepts no new connection');
  assert.equal(await exitCode, 0);

  const rows = new DatabaseSync(database).prepare('SELECT stream, status FROM logs ORDER BY "timestamp"').all();
  assert.deepEqual(rows.map((row) => [row.stream, row.status]), [[0, 'success'], [1, 'success']], 'both requests were logged before exit');
});
