import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cliUsage, parseCliArguments } from './parse-cli-arguments.ts';

describe('parseCliArguments', () => {
  test('start with no options', () => {
    assert.deepEqual(parseCliArguments(['start']), { command: 'start' });
  });

  test('start with every option, in either spelling', () => {
    assert.deepEqual(parseCliArguments(['start', '--config', 'gateway.yaml', '--port', '9000', '--host', '0.0.0.0']), {
      command: 'start',
      configPath: 'gateway.yaml',
      port: 9000,
      host: '0.0.0.0',
    });
    assert.deepEqual(parseCliArguments(['start', '--config=gateway.yaml', '--port=0', '--host=::1']), {
      command: 'start',
      configPath: 'gateway.yaml',
      port: 0,
      host: '::1',
    });
    assert.deepEqual(parseCliArguments(['--port', '65535', 'start']), { command: 'start', port: 65535 });
  });

  test('help and version', () => {
    assert.deepEqual(parseCliArguments([]), { command: 'help' });
    assert.deepEqual(parseCliArguments(['help']), { command: 'help' });
    assert.deepEqual(parseCliArguments(['--help']), { command: 'help' });
    assert.deepEqual(parseCliArguments(['start', '-h']), { command: 'help' });
    assert.deepEqual(parseCliArguments(['version']), { command: 'version' });
    assert.deepEqual(parseCliArguments(['--version']), { command: 'version' });
  });

  test('a port must be an integer from 0 to 65535', () => {
    for (const port of ['65536', '-1', '80.5', 'http', '0x50', '8e3', '']) {
      assert.throws(() => parseCliArguments(['start', `--port=${port}`]), /--port must be an integer from 0 to 65535/, port);
    }
  });

  test('bad input throws with the usage', () => {
    const cases: Array<[string[], RegExp]> = [
      [['serve'], /^unknown command "serve"/],
      [['start', 'extra'], /^unexpected argument "extra"/],
      [['start', '--verbose'], /Unknown option '--verbose'/],
      [['start', '--port'], /Option '-p, --port <value>' argument missing/],
      [['--port', '80'], /^missing command/],
      [['version', '--port', '80'], /^--port is an option of start/],
      [['start', '--host='], /^--host needs a host name or address/],
    ];
    for (const [argv, problem] of cases) {
      assert.throws(
        () => parseCliArguments(argv),
        (error: Error) => problem.test(error.message) && error.message.endsWith(cliUsage),
        argv.join(' '),
      );
    }
    assert.match(cliUsage, /switchboard start \[--config FILE\] \[--port N\] \[--host H\]/);
  });
});
