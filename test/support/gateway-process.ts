import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface GatewayProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Everything the process wrote to stderr (its log lines) so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const CLI = new URL('../../src/cli.ts', import.meta.url).pathname;

/**
 * Starts `switchboard start` as a separate process (the way replicas run), on a free port the
 * gateway picks; resolves once it answers /health.
 */
export async function startGatewayProcess(options: { directory: string; name: string; yaml: string; env?: Record<string, string> }): Promise<GatewayProcess> {
  const configPath = join(options.directory, `${options.name}.yaml`);
  await writeFile(configPath, options.yaml);
  const child = spawn(process.execPath, [CLI, 'start', '--config', configPath, '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, ...options.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"address":"(http:\/\/[^"]+)"/.exec(output);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`gateway ${options.name} exited with ${code}: ${output}`)));
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
