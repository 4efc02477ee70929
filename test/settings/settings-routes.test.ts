import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { call, startHarness, testConfig } from './settings-test-harness.ts';

const configured = testConfig({
  fallbackModels: ['claude-sonnet-4-20250514', 'gemini-2.5-flash'],
  retries: { retryEnabled: true, numRetries: 3, retryAfter: 0.2 },
  cache: { defaultTtl: 1800 },
  alerts: { slackWebhookUrl: 'https://hooks.slack.com/services/T/B/config' },
  logRetentionDays: 30,
});

describe('/api/settings/', () => {
  it('shows the config file values when the API has set nothing', async () => {
    const { app } = await startHarness({ config: configured });
    const { status, body } = await call(app, 'GET', '/api/settings/');
    assert.equal(status, 200);
    assert.deepEqual(body, {
      fallback_models: ['claude-sonnet-4-20250514', 'gemini-2.5-flash'],
      retries: { retry_enabled: true, num_retries: 3, retry_after: 0.2 },
      cache: { default_ttl: 1800 },
      alerts: { slack_webhook_url: 'https://hooks.slack.com/services/T/B/config', email: null },
      log_retention_days: 30,
      api_overrides: [],
    });
  });

  it('PATCH changes only the fields it names, and the next request sees them', async () => {
    const { app, runtimeSettings, changes } = await startHarness({ config: configured });
    const { status, body } = await call(app, 'PATCH', '/api/settings/', { retries: { num_retries: 5 } });
    assert.equal(status, 200);
    assert.deepEqual(body.retries, { retry_enabled: true, num_retries: 5, retry_after: 0.2 });
    assert.deepEqual(body.fallback_models, ['claude-sonnet-4-20250514', 'gemini-2.5-flash']);
    assert.equal(body.cache.default_ttl, 1800);
    assert.equal(body.alerts.slack_webhook_url, 'https://hooks.slack.com/services/T/B/config');
    assert.deepEqual(body.api_overrides, ['retries.num_retries']);
    assert.deepEqual(runtimeSettings.current.retries, { retryEnabled: true, numRetries: 5, retryAfter: 0.2 });
    assert.deepEqual(changes, ['settings']);

    const second = await call(app, 'PATCH', '/api/settings/', { retries: { retry_after: 1 }, cache: { default_ttl: 60 } });
    assert.deepEqual(second.body.retries, { retry_enabled: true, num_retries: 5, retry_after: 1 });
    assert.equal(runtimeSettings.current.cacheDefaultTtl, 60);
  });

  it('keeps the fallback list in the order given', async () => {
    const { app, runtimeSettings } = await startHarness({ config: configured });
    const order = ['gemini-2.5-flash', 'gpt-4o-mini', 'claude-sonnet-4-20250514'];
    const { body } = await call(app, 'PATCH', '/api/settings/', { fallback_models: order });
    assert.deepEqual(body.fallback_models, order);
    assert.deepEqual(runtimeSettings.current.fallbackModels, order);
    assert.deepEqual((await call(app, 'GET', '/api/settings/')).body.fallback_models, order);
  });

  it('names every invalid field, and changes nothing when any is invalid', async () => {
    const { app, runtimeSettings } = await startHarness({ config: configured });
    const { status, body } = await call(app, 'PATCH', '/api/settings/', {
      fallback_models: ['gpt-4o', 'gpt-4o'],
      retries: { num_retries: -1, retry_enabled: 'yes' },
      alerts: { slack_webhook_url: 'not a url' },
      colour: 'blue',
    });
    assert.equal(status, 400);
    assert.equal(body.detail, 'Validation error');
    for (const field of ['fallback_models', 'retries.num_retries', 'retries.retry_enabled', 'alerts.slack_webhook_url', 'non_field_errors']) {
      assert.ok(Array.isArray(body.errors[field]), `expected an error for ${field}: ${JSON.stringify(body.errors)}`);
    }
    assert.deepEqual(runtimeSettings.current.retries.numRetries, 3);
  });

  it('rejects fallback models the gateway cannot serve, naming their position', async () => {
    const { app } = await startHarness({ isKnownModel: (model) => model !== 'gpt-4o-typo' });
    const { status, body } = await call(app, 'PATCH', '/api/settings/', { fallback_models: ['gpt-4o', 'gpt-4o-typo'] });
    assert.equal(status, 400);
    assert.deepEqual(Object.keys(body.errors), ['fallback_models.1']);
  });

  it('masks the SMTP password, seals alerts at rest, and keeps the password when the mask is sent back', async () => {
    const { app, repository, store } = await startHarness();
    const email = { smtp_url: 'smtp://mailer:hunter2-secret@smtp.example.com:587', from: 'gateway@example.com', to: ['ops@example.com'] };
    const { body } = await call(app, 'PATCH', '/api/settings/', { alerts: { email } });
    assert.equal(body.alerts.email.smtp_url, 'smtp://mailer:********@smtp.example.com:587');
    assert.ok(!repository.dump().includes('hunter2-secret'));

    const roundTrip = await call(app, 'PATCH', '/api/settings/', { alerts: { email: { ...body.alerts.email, to: ['oncall@example.com'] } } });
    assert.equal(roundTrip.status, 200);
    assert.deepEqual(store.settings().alerts.email, { smtpUrl: email.smtp_url, from: email.from, to: ['oncall@example.com'] });
  });

  it('asks for the whole email block the first time email alerts are set', async () => {
    const { app } = await startHarness();
    const { status, body } = await call(app, 'PATCH', '/api/settings/', { alerts: { email: { to: ['ops@example.com'] } } });
    assert.equal(status, 400);
    assert.deepEqual(Object.keys(body.errors).sort(), ['alerts.email.from', 'alerts.email.smtp_url']);
  });

  it('null turns an optional setting off over the config file; DELETE restores the config values', async () => {
    const { app, runtimeSettings } = await startHarness({ config: configured });
    const off = await call(app, 'PATCH', '/api/settings/', { alerts: { slack_webhook_url: null }, log_retention_days: null, fallback_models: [] });
    assert.equal(off.body.alerts.slack_webhook_url, null);
    assert.equal(off.body.log_retention_days, null);
    assert.deepEqual(runtimeSettings.current.fallbackModels, []);

    const reset = await call(app, 'DELETE', '/api/settings/');
    assert.equal(reset.body.alerts.slack_webhook_url, 'https://hooks.slack.com/services/T/B/config');
    assert.equal(reset.body.log_retention_days, 30);
    assert.deepEqual(reset.body.api_overrides, []);
    assert.deepEqual(runtimeSettings.current.fallbackModels, ['claude-sonnet-4-20250514', 'gemini-2.5-flash']);
  });
});
