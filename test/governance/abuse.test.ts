import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineRemoteImages } from '../../src/gateway/inline-remote-images.ts';
import { isPrivateAddress } from '../../src/governance/private-address.ts';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { API_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';

let mock: OpenAIMockUpstream;
let gateway: TestGateway;

before(async () => {
  mock = await startOpenAIMock();
  gateway = await startTestGateway(['providers:', `  openai: { api_key: sk-upstream, base_url: ${mock.url}/v1 }`].join('\n'));
});
after(async () => {
  await gateway.stop();
  await mock.close();
});

const post = (body: string) => fetch(`${gateway.apiBase}/chat/completions`, {
  method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body,
});

test('JSON nested deeper than 64 levels is a 400 naming the problem', async () => {
  const response = await post(`{"model":"gpt-4o-mini","messages":[],"metadata":${'['.repeat(100)}${']'.repeat(100)}}`);
  assert.equal(response.status, 400);
  assert.match(((await response.json()) as { error: { message: string } }).error.message, /nested more than 64 levels/);
  const hugeDepth = await post('['.repeat(200_000));
  assert.equal(hugeDepth.status, 400);
});

test('an array longer than the limit is a 400', async () => {
  const response = await post(JSON.stringify({ model: 'gpt-4o-mini', messages: [], stop: new Array(100_001).fill(0) }));
  assert.equal(response.status, 400);
  assert.match(((await response.json()) as { error: { message: string } }).error.message, /at most 100000/);
});

test('private, loopback, link-local and metadata addresses are recognised', () => {
  for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', '[::1]', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
    assert.equal(isPrivateAddress(address), true, address);
  }
  for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111']) assert.equal(isPrivateAddress(address), false, address);
});

test('the gateway refuses to fetch images from 127.0.0.1, 169.254.169.254 or a name resolving to loopback', async () => {
  for (const url of [`${mock.url}/pixel.png`, 'http://169.254.169.254/latest/meta-data/', `http://localhost:${new URL(mock.url).port}/pixel.png`]) {
    const requestsBefore = mock.requests.length;
    await assert.rejects(
      inlineRemoteImages({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }] } as never, AbortSignal.timeout(5000)),
      (error: Error & { status?: number }) => error.status === 400 && /private, loopback or link-local/.test(error.message),
      url,
    );
    assert.equal(mock.requests.length, requestsBefore, 'no request reached the private host');
  }
});
