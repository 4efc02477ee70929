import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { startGateway, type RunningGateway } from '../../src/main.ts';
import { createProviderRegistry } from '../../src/providers/registry.ts';

export const ADMIN_KEY = 'test-admin-key-0123456789';
export const API_KEY = 'sk-test-team-a-0123456789';

export interface TestGateway extends RunningGateway {
  /** `http://127.0.0.1:PORT/api`, the OpenAI SDK's base URL. */
  apiBase: string;
  directory: string;
  /** Fetch against the gateway with the admin key. */
  admin(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts a real gateway in this process on a free port, from a YAML config (as a user would
 * write it) and an embedded SQLite database in a fresh temp directory.
 */
export async function startTestGateway(yamlBody: string, options: { env?: Record<string, string>; databaseUrl?: string } = {}): Promise<TestGateway> {
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
  const configPath = join(directory, 'config.yaml');
  await writeFile(configPath, [
    `admin_key: ${ADMIN_KEY}`,
    `database_url: ${options.databaseUrl ?? `sqlite:${join(directory, 'switchboard.db')}`}`,
    'api_keys:',
    `  - { name: team-a, key: ${API_KEY} }`,
    yamlBody,
  ].join('\n'));
  const registry = createProviderRegistry();
  const config = await loadConfig({
    configPath,
    overrides: { port: 0, host: '127.0.0.1' },
    env: options.env ?? {},
    providers: { resolve: (id) => registry.resolve(id), ids: registry.all().map((provider) => provider.id) },
  });
  const gateway = await startGateway(config, registry);
  return {
    ...gateway,
    apiBase: `${gateway.url}/api`,
    directory,
    admin(path, init = {}) {
      return fetch(`${gateway.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    },
    async stop() {
      await gateway.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Polls the logs API until the log is readable (it is written in the background). */
export async function fetchLog(gateway: TestGateway, logId: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await gateway.admin(`/api/request-logs/${logId}/`);
    if (response.status === 200) return await response.json() as Record<string, unknown>;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`log ${logId} never appeared`);
}
