import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from './config.ts';
import { createFakeProviderLookup } from './fake-provider-lookup.ts';
import { loadConfig } from './load-config.ts';
import type { LoadConfigOptions } from './load-config.ts';

/**
 * Test support: loads `text` as the config file `config.yaml` in a fresh temporary directory, so a
 * test reads as its YAML and its expectations. Not used by the gateway.
 */
export async function loadConfigFromText(
  text: string,
  options: Partial<Omit<LoadConfigOptions, 'configPath'>> = {},
): Promise<Config> {
  const directory = await mkdtemp(path.join(tmpdir(), 'switchboard-config-'));
  try {
    const configPath = path.join(directory, 'config.yaml');
    await writeFile(configPath, text);
    return await loadConfig({ env: {}, providers: createFakeProviderLookup(), cwd: directory, ...options, configPath });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The ConfigError message `loadConfigFromText` rejects with, one problem per array entry. */
export async function configProblemsOf(
  text: string,
  options: Partial<Omit<LoadConfigOptions, 'configPath'>> = {},
): Promise<string[]> {
  try {
    await loadConfigFromText(text, options);
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}
