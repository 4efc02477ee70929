import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startOpenAIMock } from '../mock-upstreams/openai-mock-upstream.ts';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.ts';

/**
 * Three replicas on one Postgres and one Redis, a client that spreads requests over them as a
 * load balancer would (moving on when a replica refuses a connection or answers 503 while
 * closing), and one replica sent SIGTERM mid-load (contract §11): every request is served, the
 * stopped replica finishes its in-flight streams and exits 0, and no log row is lost.
 */
test('SIGTERM to one of three replicas under load loses no request and no log row', async () => {
  const schema = `sb_three_${randomBytes(4).toString('hex')}`;
  const prefix = `sbtest:${randomBytes(4).toString('hex')}:`;
  const mock = await startOpenAIMock();
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-three-'));
  const yaml = [
    'admin_key: three-admin-key-0123456789',
    `database_url: postgres://root@127.0.0.1:5432/test?schema=${schema}`,
    'redis_url: redis://127.0.0.1:6379',
    `redis_key_prefix: '${prefix}'`,
    'secret: three-replicas-secret-0123456789',
    'providers:',
    `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`,
    'api_keys:',
    '  - { name: load, key: sk-load-0123456789 }',
  ].join('\n');
  const total = 240;
  mock.script(...Array.from({ length: total + 20 }, () => ({ kind: 'slow-stream' as const, delayMs: 3 })));
  const replicas: GatewayProcess[] = await Promise.all(['a', 'b', 'c'].map((name) => startGatewayProcess({ directory, name, yaml })));
  const stopped = new Set<number>();
  let next = 0;
  let served = 0;
  let movedOn = 0;
  try {
    const sendOne = async (): Promise<void> => {
      for (let tries = 0; tries < 6; tries++) {
        const index = next++ % replicas.length;
        if (stopped.has(index)) continue;
        let response: Response;
        try {
          response = await fetch(`${replicas[index].url}/api/chat/completions`, {
            method: 'POST',
            headers: { authorization: 'Bearer sk-load-0123456789', 'content-type': 'application/json' },
            body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }),
          });
        } catch {
          movedOn++;
          continue; // Connection refused: the replica has stopped accepting; another one serves.
        }
        if (response.status === 503) {
          await response.body?.cancel();
          movedOn++;
          continue; // Closing replicas answer 503 on open sockets; a load balancer retries elsewhere.
        }
        assert.equal(response.status, 200);
        const text = await response.text();
        assert.ok(text.trimEnd().endsWith('data: [DONE]'), 'every stream runs to its end');
        served++;
        return;
      }
      assert.fail('no replica served the request');
    };
    let sent = 0;
    const worker = async () => {
      while (sent < total) {
        sent++;
        if (sent === Math.floor(total / 3)) {
          stopped.add(0);
          replicas[0].child.kill('SIGTERM');
        }
        await sendOne();
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    assert.equal(served, total);
    assert.equal(await replicas[0].exited, 0, 'the stopped replica drained and exited cleanly');
  } finally {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await mock.close();
    await rm(directory, { recursive: true, force: true });
  }
  const sql = postgres('postgres://root@127.0.0.1:5432/test', { onnotice: () => {} });
  try {
    const [{ count }] = await sql.unsafe(`SELECT count(*)::int AS count FROM ${schema}.logs`);
    assert.equal(count, total, `every served request was logged (${movedOn} attempts moved to another replica)`);
  } finally {
    await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await sql.end();
  }
});
