import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Redis } from 'ioredis';
import { AlertDispatcher } from '../../src/alerts/alert-dispatcher.ts';
import type { AlertsConfig } from '../../src/config/config.ts';
import { LimitEnforcer } from '../../src/limits/limit-enforcer.ts';
import type { LimitWarning } from '../../src/limits/limit-warning.ts';
import { MemoryLimitCounterStore } from '../../src/limits/memory-limit-counter-store.ts';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';
import { connectRedis, deleteKeysWithPrefix, testKeyPrefix } from '../limits/redis-test-support.ts';
import { SmtpReceiver, WebhookReceiver } from './alert-receivers.ts';

const keyPrefix = testKeyPrefix();
const redisClients: Redis[] = [];
const dispatchers: AlertDispatcher[] = [];
let webhook: WebhookReceiver;
let smtp: SmtpReceiver;

before(async () => {
  webhook = await new WebhookReceiver().start();
  smtp = await new SmtpReceiver().start();
});

after(async () => {
  for (const dispatcher of dispatchers) await dispatcher.close();
  if (redisClients.length > 0) await deleteKeysWithPrefix(redisClients[0], keyPrefix);
  for (const client of redisClients) client.disconnect();
  await webhook.stop();
  await smtp.stop();
});

function reset(): void {
  webhook.bodies.length = 0;
  webhook.statuses.length = 0;
  smtp.mails.length = 0;
}

function dispatcher(options: { alerts: () => AlertsConfig; redis?: boolean }) {
  const metrics = new GatewayMetrics({ collectProcessMetrics: false });
  const logged: string[] = [];
  let redis: Redis | undefined;
  if (options.redis) {
    redis = connectRedis();
    redisClients.push(redis);
  }
  const created = new AlertDispatcher({
    alerts: options.alerts, metrics, warn: (message) => logged.push(message), retryDelaysMs: [1, 1], keyPrefix,
    ...(redis && { redis }),
  });
  dispatchers.push(created);
  return { dispatcher: created, metrics, logged };
}

let warningCount = 0;
/** A warning on a subject of its own, so tests sharing the Redis prefix never dedupe each other. */
function warning(overrides: Partial<LimitWarning> = {}): LimitWarning {
  warningCount += 1;
  return {
    subject: `key:${process.pid}-${Date.now()}-${warningCount}`, kind: 'api_key', label: 'team-a', metric: 'cost', window: 'day',
    windowId: '2031-01-15', windowEndsAt: Date.UTC(2031, 0, 16), used: 60, warnAt: 50, blockAt: 100, ...overrides,
  };
}

async function sentCount(metrics: GatewayMetrics, name: 'alertsSent' | 'alertsFailed', destination: string): Promise<number> {
  return (await metrics[name].get()).values.find((entry) => entry.labels.destination === destination)?.value ?? 0;
}

describe('AlertDispatcher', () => {
  test('an alert reaches the webhook and the mailbox exactly once, though reported twice by each of two replicas', async () => {
    reset();
    const alerts = (): AlertsConfig => ({ slackWebhookUrl: webhook.url, email: { smtpUrl: smtp.url, from: 'gateway@example.com', to: ['ops@example.com'] } });
    const replicas = [dispatcher({ alerts, redis: true }), dispatcher({ alerts, redis: true })];
    const crossed = warning();
    for (const replica of replicas) {
      replica.dispatcher.notify(crossed);
      replica.dispatcher.notify(crossed);
    }
    await Promise.all(replicas.map((replica) => replica.dispatcher.flush()));

    assert.equal(webhook.texts.length, 1);
    assert.equal(
      webhook.texts[0],
      "Switchboard limit warning: API key 'team-a' has used $60.00 (cost, per day, window 2031-01-15 UTC), "
        + 'crossing the warning threshold of $50.00. Requests will be refused once $100.00 is reached.',
    );
    assert.equal(smtp.mails.length, 1);
    assert.equal(smtp.mails[0].from, 'gateway@example.com');
    assert.deepEqual(smtp.mails[0].to, ['ops@example.com']);
    assert.match(smtp.mails[0].message, /Subject: Switchboard: API key 'team-a' crossed its cost warning of \$50\.00 per day/);
    assert.ok(smtp.mails[0].message.includes(webhook.texts[0]));
    const sent = await Promise.all(replicas.map(async ({ metrics }) => (await sentCount(metrics, 'alertsSent', 'webhook')) + (await sentCount(metrics, 'alertsSent', 'email'))));
    assert.deepEqual(sent.sort(), [0, 2]);
  });

  test('without Redis, one process sends one alert per limit per window; a new window alerts again', async () => {
    reset();
    const { dispatcher: single } = dispatcher({ alerts: () => ({ slackWebhookUrl: webhook.url }) });
    const crossed = warning();
    single.notify(crossed);
    single.notify({ ...crossed, used: 75 });
    single.notify({ ...crossed, windowId: '2031-01-16', windowEndsAt: Date.UTC(2031, 0, 17) });
    single.notify({ ...crossed, warnAt: 70 });
    await single.flush();
    assert.equal(webhook.texts.length, 3);
  });

  test('a webhook answering 500 is tried again', async () => {
    reset();
    webhook.statuses.push(500);
    const { dispatcher: retrying, metrics, logged } = dispatcher({ alerts: () => ({ slackWebhookUrl: webhook.url }) });
    retrying.notify(warning());
    await retrying.flush();
    assert.equal(webhook.bodies.length, 2);
    assert.deepEqual(webhook.bodies[0], webhook.bodies[1]);
    assert.equal(await sentCount(metrics, 'alertsSent', 'webhook'), 1);
    assert.equal(await sentCount(metrics, 'alertsFailed', 'webhook'), 0);
    assert.deepEqual(logged, []);
  });

  test('after every try fails, the failure is counted and logged without the webhook URL', async () => {
    reset();
    webhook.statuses.push(500, 500, 500);
    const { dispatcher: failing, metrics, logged } = dispatcher({ alerts: () => ({ slackWebhookUrl: webhook.url }) });
    failing.notify(warning());
    await failing.flush();
    assert.equal(webhook.bodies.length, 3);
    assert.equal(await sentCount(metrics, 'alertsFailed', 'webhook'), 1);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /webhook failed after 3 tries: webhook answered HTTP 500/);
    assert.ok(!logged[0].includes('secret'));
  });

  test('destinations are read when an alert is sent, so settings changed at run time apply', async () => {
    reset();
    const settings: AlertsConfig = {};
    const { dispatcher: configurable } = dispatcher({ alerts: () => settings });
    configurable.notify(warning());
    await configurable.flush();
    assert.equal(webhook.bodies.length, 0);
    settings.slackWebhookUrl = webhook.url;
    configurable.notify(warning({ kind: 'customer', label: 'acme', metric: 'tokens', window: 'lifetime', windowId: 'lifetime', windowEndsAt: undefined, used: 1200, warnAt: 1000, blockAt: 5000 }));
    await configurable.flush();
    assert.deepEqual(webhook.texts, [
      "Switchboard limit warning: customer 'acme' has used 1,200 tokens (tokens, lifetime total), crossing the warning threshold of 1,000 tokens. "
        + 'Requests will be refused once 5,000 tokens is reached.',
    ]);
  });

  test('a warn_at crossed through the enforcer is delivered off the request path', async () => {
    reset();
    const { dispatcher: alerts } = dispatcher({ alerts: () => ({ slackWebhookUrl: webhook.url }) });
    const enforcer = new LimitEnforcer({
      store: new MemoryLimitCounterStore({ now: () => Date.UTC(2031, 0, 15, 12) }), warnings: alerts, warn: () => {},
      metrics: new GatewayMetrics({ collectProcessMetrics: false }),
    });
    const subjects = [{ subject: `key:${process.pid}-${Date.now()}`, kind: 'api_key' as const, label: 'team-b', limits: [{ metric: 'requests' as const, window: 'hour' as const, warnAt: 2 }] }];
    for (let index = 0; index < 4; index += 1) await (await enforcer.admit({ subjects, estimate: { tokens: 0, cost: 0 } })).settle({ tokens: 0, cost: 0 });
    await alerts.flush();
    assert.equal(webhook.texts.length, 1);
    assert.match(webhook.texts[0], /API key 'team-b' has used 2 requests \(requests, per hour, window 2031-01-15T12 UTC\), crossing the warning threshold of 2 requests\. No block limit is set\./);
  });
});
