import { parseArgs } from 'node:util';

/** The command line (contract §1): `switchboard start [--config FILE] [--port N] [--host H]`. */
export type CliCommand =
  | { command: 'start'; configPath?: string; port?: number; host?: string }
  | { command: 'help' }
  | { command: 'version' };

export const cliUsage = [
  'usage: switchboard start [--config FILE] [--port N] [--host H]',
  '       switchboard help | --help',
  '       switchboard version | --version',
].join('\n');

/**
 * Parses the arguments after the script name (`process.argv.slice(2)`). Bad input throws an Error
 * whose message says what is wrong, followed by the usage, for the entry point to print.
 */
export function parseCliArguments(argv: string[]): CliCommand {
  const { values, positionals } = parseStrictly(argv);
  if (values.help === true) return { command: 'help' };
  if (values.version === true) return { command: 'version' };

  const [command, ...extra] = positionals;
  if (extra.length > 0) throw usageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const startOptions = (['config', 'port', 'host'] as const).filter((name) => values[name] !== undefined);
  if (command === undefined && startOptions.length === 0) return { command: 'help' };
  if (command === 'help' || command === 'version') {
    if (startOptions.length > 0) throw usageError(`--${startOptions[0]} is an option of start`);
    return { command };
  }
  if (command !== 'start') {
    throw usageError(command === undefined ? 'missing command' : `unknown command ${JSON.stringify(command)}`);
  }

  const result: CliCommand = { command: 'start' };
  if (values.config !== undefined) {
    if (values.config === '') throw usageError('--config needs a file path');
    result.configPath = values.config;
  }
  if (values.port !== undefined) result.port = parsePort(values.port);
  if (values.host !== undefined) {
    if (values.host === '') throw usageError('--host needs a host name or address');
    result.host = values.host;
  }
  return result;
}

function parseStrictly(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs names the unknown or incomplete option; the usage says what is accepted.
    throw usageError((error as Error).message);
  }
}

function parsePort(text: string): number {
  // Digits only: Number() would also accept '', ' 80', '0x50' and '8e3'.
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) throw usageError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

function usageError(problem: string): Error {
  return new Error(`${problem}\n${cliUsage}`);
}
