import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor, passesLuhn } from '../../src/governance/create-redactor.ts';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, fetchLog, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

const redact = createRedactor({ enabled: true, patterns: ['ORDER-[0-9]{4}'] });

describe('createRedactor', () => {
  test('masks each kind of personal data and secret inside nested JSON', () => {
    const input = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'mail jane.doe+x@example.co.uk or call +44 20 7946 0958' }] }],
      note: 'card 4111 1111 1111 1111, key sk-proj-abcdefghijklmnop1234, aws AKIAIOSFODNN7EXAMPLE, Bearer abcdefghijklmnopqrstuvwxyz',
      custom: 'see ORDER-1234',
      count: 42,
    };
    const output = redact(input) as typeof input;
    assert.equal(output.messages[0].content[0].text, 'mail [EMAIL] or call [PHONE]');
    assert.equal(output.note, 'card [CARD], key [API_KEY], aws [API_KEY], Bearer [API_KEY]');
    assert.equal(output.custom, 'see [REDACTED]');
    assert.equal(output.count, 42);
    assert.equal(input.custom, 'see ORDER-1234', 'the original is not modified');
  });

  test('a 16-digit number that fails the Luhn check is not a card', () => {
    assert.equal(passesLuhn('4111111111111111'), true);
    assert.equal(passesLuhn('4111111111111112'), false);
    assert.equal(redact('ref 4111111111111112'), 'ref 4111111111111112');
    assert.equal(redact('ref 5500-0000-0000-0004'), 'ref [CARD]');
  });

  test('short numbers and years stay', () => {
    assert.equal(redact('In 2024 we sold 1500 units at 12.50'), 'In 2024 we sold 1500 units at 12.50');
  });

  test('disabled, it returns the value as is', () => {
    const value = { text: 'jane@example.com' };
    assert.equal(createRedactor({ enabled: false, patterns: [] })(value), value);
  });
});

describe('redaction in a running gateway', () => {
  let mock: OpenAIMockUpstream;
  let gateway: TestGateway;
  const secretText = 'My e-mail is jane@example.com and my card is 4111 1111 1111 1111, ticket ORDER-9876';

  before(async () => {
    mock = await startOpenAIMock();
    gateway = await startTestGateway([
      'providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`,
      "redaction: { enabled: true, patterns: ['ORDER-[0-9]{4}'] }",
    ].join('\n'));
  });
  after(async () => {
    await gateway.stop();
    await mock.close();
  });

  const ask = (extra: Record<string, unknown> = {}) => fetch(`${gateway.apiBase}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: secretText }], ...extra }),
  });

  test('the model receives the original; the stored log is masked', async () => {
    const response = await ask();
    assert.equal(response.status, 200);
    const sent = mock.lastRequest!.body as { messages: Array<{ content: string }> };
    assert.equal(sent.messages[0].content, secretText);
    const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
    const stored = JSON.stringify(log.prompt_messages);
    assert.match(stored, /\[EMAIL\]/);
    assert.match(stored, /\[CARD\]/);
    assert.match(stored, /\[REDACTED\]/);
    assert.doesNotMatch(stored, /jane@example\.com|4111 1111|ORDER-9876/);
  });

  test('streams are masked too', async () => {
    const response = await ask({ stream: true });
    await response.text();
    const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
    assert.doesNotMatch(JSON.stringify(log), /jane@example\.com/);
  });

  test('with disable_log, no content is stored at all', async () => {
    const response = await ask({ disable_log: true });
    assert.equal(response.status, 200);
    const log = await fetchLog(gateway, response.headers.get('x-respan-log-id')!);
    assert.equal(log.prompt_messages ?? null, null);
    assert.doesNotMatch(JSON.stringify(log), /jane@example\.com|\[EMAIL\]/);
  });
});
