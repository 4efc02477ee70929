#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseCliArguments, cliUsage } from './cli/parse-cli-arguments.ts';
import { ConfigError, loadConfig } from './config/load-config.ts';
import { startGateway } from './main.ts';
import { logger } from './operations/logger.ts';
import { createProviderRegistry } from './providers/registry.ts';

/** `switchboard start [--config FILE] [--port N] [--host H]` (contract §1). */
async function main(): Promise<void> {
  const command = parseCliArguments(process.argv.slice(2));
  if (command.command === 'help') {
    process.stdout.write(`${cliUsage}\n`);
    return;
  }
  if (command.command === 'version') {
    const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${packageJson.version}\n`);
    return;
  }
  const builtIns = createProviderRegistry();
  const config = await loadConfig({
    configPath: command.configPath,
    overrides: { port: command.port, host: command.host },
    env: process.env,
    providers: { resolve: (id) => builtIns.resolve(id), ids: builtIns.all().map((provider) => provider.id) },
  });
  const customIds = Object.keys(config.providers).filter((id) => builtIns.resolve(id) === undefined);
  const providers = customIds.length === 0 ? builtIns : createProviderRegistry({ customOpenAICompatibleIds: customIds });
  const gateway = await startGateway(config, providers);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'draining in-flight requests, then exiting');
    // A last resort: contract §11 wants a replica gone within 20 s of SIGTERM.
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 18_000).unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`switchboard: invalid configuration\n${error.message}\n`);
  } else {
    process.stderr.write(`switchboard: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
