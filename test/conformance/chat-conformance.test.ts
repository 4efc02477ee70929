import { after, before, beforeEach, describe, test } from 'node:test';
import OpenAI from 'openai';
import { createProviderRegistry } from '../../src/providers/registry.ts';
import { API_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { chatScenarios, type ScenarioContext } from './chat-scenarios.ts';
import { startPngServer, type PngServer } from './png-server.ts';
import { providersYaml, type RunningUpstream } from './conformance-upstreams.ts';
import { providerSetups } from './provider-setups.ts';

/**
 * Every chat scenario × every provider setup whose provider declares chat: one gateway and one mock
 * upstream per provider, scenarios in order against them.
 */
const registry = createProviderRegistry();
let images: PngServer;

before(async () => {
  images = await startPngServer();
});
after(async () => {
  await images.close();
});

for (const setup of providerSetups) {
  if (registry.resolve(setup.providerId)?.chat === undefined) continue;
  describe(`chat conformance: ${setup.name}`, () => {
    let upstream: RunningUpstream;
    let gateway: TestGateway;
    let client: OpenAI;
    let seen = 0;

    before(async () => {
      upstream = await setup.start();
      // The image host is a 127.0.0.1 test server, which the SSRF guard refuses by default.
      gateway = await startTestGateway([providersYaml(upstream.providerEntry), 'allow_private_image_urls: true'].join('\n'));
      client = new OpenAI({ apiKey: API_KEY, baseURL: gateway.apiBase, maxRetries: 0 });
    });
    after(async () => {
      await gateway.stop();
      await upstream.close();
    });
    beforeEach(() => {
      seen = upstream.requests.length;
    });

    for (const scenario of chatScenarios) {
      test(scenario.name, async () => {
        const context: ScenarioContext = {
          setup, upstream, gateway, client, images,
          newRequests() {
            const fresh = upstream.requests.slice(seen);
            seen = upstream.requests.length;
            return fresh;
          },
        };
        await scenario.run(context);
      });
    }
  });
}
