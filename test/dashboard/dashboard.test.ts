import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startOpenAIMock, type OpenAIMockUpstream } from '../mock-upstreams/openai-mock-upstream.ts';
import { ADMIN_KEY, startTestGateway, type TestGateway } from '../support/test-gateway.ts';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';
import { ensureDashboardBuild } from './ensure-dashboard-build.ts';
import { dashboardGatewayConfig, seedDashboardData } from './seed-dashboard-data.ts';

/**
 * The dashboard (contract §9) in a real browser against a real gateway with seeded logs: each test
 * does what an operator would, then checks the outcome through the API, and keeps a screenshot of
 * the page in test-artifacts/dashboard/.
 */

let mock: OpenAIMockUpstream;
let gateway: TestGateway;
let session: BrowserSession;
let page: Page;

before(async () => {
  ensureDashboardBuild();
  session = await openBrowserSession();
  page = session.page;
  mock = await startOpenAIMock();
  gateway = await startTestGateway(dashboardGatewayConfig(mock));
  await seedDashboardData(gateway, mock);
});

after(async () => {
  await session?.close();
  await gateway?.stop();
  await mock?.close();
});

async function openPage(linkName: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: linkName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Polls a condition on the page (playwright-core has no `expect`). */
async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function adminJson<T>(path: string): Promise<T> {
  const response = await gateway.admin(path);
  assert.equal(response.status, 200, `GET ${path}`);
  return (await response.json()) as T;
}

test('the gateway serves the dashboard at / with a strict CSP, and keeps JSON 404s for the API', async () => {
  const index = await fetch(`${gateway.url}/logs`);
  assert.equal(index.status, 200);
  assert.match(await index.text(), /<div id="root">/);
  const policy = index.headers.get('content-security-policy') ?? '';
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
  const unknownApi = await fetch(`${gateway.url}/api/no-such-route`);
  assert.equal(unknownApi.status, 404);
  assert.match(unknownApi.headers.get('content-type') ?? '', /json/);
});

test('logs in with the admin key only, and shows the overview', async () => {
  await page.goto(gateway.url);
  await page.getByLabel('Admin key').fill('not-the-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('This key is not valid').waitFor();

  await page.getByLabel('Admin key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('switchboard.admin-key')), ADMIN_KEY);
  await page.getByRole('heading', { name: 'By model' }).waitFor();
  const requests = page.locator('.stat-card', { hasText: 'Requests' }).locator('dd');
  assert.equal(await requests.textContent(), '8');
  await page.locator('.recharts-surface').first().waitFor();
  await session.screenshot('overview');
});

test('filters logs by customer and metadata, and opens one with its conversation and attempts', async () => {
  await openPage('Logs', 'Logs');
  await page.getByText('8 logs').waitFor();
  await session.screenshot('logs');

  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Field of filter 1').selectOption('customer_identifier');
  await page.getByLabel('Value of filter 1').fill('alice');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('3 logs').waitFor();

  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Field of filter 2').selectOption('metadata__');
  await page.getByLabel('Metadata key of filter 2').fill('feature');
  await page.getByLabel('Value of filter 2').fill('search');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('1 log', { exact: true }).waitFor();

  await page.getByRole('button', { name: /^Open log / }).click();
  const panel = page.getByRole('region', { name: 'Log detail' });
  const conversation = panel.locator('.conversation');
  await conversation.getByText('Summarise this page in one line.').waitFor();
  await conversation.getByText('Hello! How can I assist you today?').waitFor();
  await panel.getByRole('cell', { name: 'search', exact: true }).waitFor();

  // The retried request: its attempt tree shows the failed try and the retry that served it.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByText('8 logs').waitFor();
  await page.getByRole('button', { name: 'Add filter' }).click();
  await page.getByLabel('Field of filter 1').selectOption('fallback');
  await page.getByLabel('Operator of filter 1').selectOption('gt');
  await page.getByLabel('Value of filter 1').fill('1');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('1 log', { exact: true }).waitFor();
  await page.getByRole('button', { name: /^Open log / }).click();
  const attempts = panel.getByRole('list', { name: 'Attempts' });
  await attempts.getByText('The upstream is overloaded').waitFor();
  await attempts.getByText('Retry 1').waitFor();
  await session.screenshot('log-detail');
});

test('lists users by spend and opens a user with their requests', async () => {
  await openPage('Users', 'Users');
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  assert.deepEqual(await rows.locator('th').allTextContents(), ['alice', 'carol', 'bob'], 'sorted by spend, highest first');
  await page.getByRole('button', { name: /^Customer/ }).click();
  await waitUntil(async () => (await rows.first().locator('th').textContent()) === 'carol');
  assert.deepEqual(await rows.locator('th').allTextContents(), ['carol', 'bob', 'alice']);
  await session.screenshot('users');

  await page.getByRole('link', { name: 'alice', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'alice' }).waitFor();
  await page.getByText('3 logs').waitFor();
  await session.screenshot('user');
});

test('reorders the fallback list by dragging, with the mouse and the keyboard, and saves it', async () => {
  await openPage('Settings', 'Settings');
  const order = () => page.locator('[data-model]').evaluateAll((items) => items.map((item) => item.getAttribute('data-model')));
  assert.deepEqual(await order(), ['gpt-4.1-mini', 'groq/llama-3.3-70b-versatile', 'gpt-4o']);

  const handle = await page.getByRole('button', { name: /^Move gpt-4\.1-mini/ }).boundingBox();
  const last = await page.locator('[data-model="gpt-4o"]').boundingBox();
  assert.ok(handle && last);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 + 12, { steps: 4 });
  await page.mouse.move(handle.x + handle.width / 2, last.y + last.height * 0.8, { steps: 12 });
  await page.mouse.up();
  await waitUntil(async () => (await order())[0] === 'groq/llama-3.3-70b-versatile');
  assert.deepEqual(await order(), ['groq/llama-3.3-70b-versatile', 'gpt-4o', 'gpt-4.1-mini']);
  await page.getByRole('button', { name: 'Save order' }).click();
  await page.getByText('Fallback order saved').waitFor();
  assert.deepEqual((await adminJson<{ fallback_models: string[] }>('/api/settings/')).fallback_models, ['groq/llama-3.3-70b-versatile', 'gpt-4o', 'gpt-4.1-mini']);

  // Keyboard: Space picks the item up, an arrow moves it, Space drops it.
  await page.getByRole('button', { name: /^Move gpt-4\.1-mini/ }).focus();
  await page.keyboard.press('Space');
  await page.locator('[data-model="gpt-4.1-mini"].dragging').waitFor();
  await page.keyboard.press('ArrowUp');
  await page.getByText('gpt-4.1-mini is over position 2.').waitFor({ state: 'attached' });
  await page.keyboard.press('Space');
  await waitUntil(async () => (await order())[1] === 'gpt-4.1-mini');
  await page.getByRole('button', { name: 'Save order' }).click();
  await page.getByText('Fallback order saved').waitFor();
  assert.deepEqual((await adminJson<{ fallback_models: string[] }>('/api/settings/')).fallback_models, ['groq/llama-3.3-70b-versatile', 'gpt-4.1-mini', 'gpt-4o']);

  // An API validation error is shown next to the field it concerns.
  await page.getByLabel('Retries per model').fill('99');
  await page.getByRole('button', { name: 'Save retries' }).click();
  await page.locator('.field-error', { hasText: '10' }).waitFor();
  assert.equal(await page.getByLabel('Retries per model').getAttribute('aria-invalid'), 'true');
  await session.screenshot('settings');
});

test('creates a key shown once, and revokes it', async () => {
  await openPage('API keys', 'API keys');
  await page.getByLabel('Name', { exact: true }).fill('ci-deploy');
  await page.getByLabel('Scope', { exact: true }).selectOption('read');
  await page.getByRole('button', { name: 'Create key' }).click();
  const keyField = page.getByLabel('API key ci-deploy');
  await keyField.waitFor();
  const key = await keyField.inputValue();
  assert.match(key, /^sk-/);
  const withKey = (await fetch(`${gateway.apiBase}/request-logs/list/`, { method: 'POST', headers: { authorization: `Bearer ${key}` } })).status;
  assert.equal(withKey, 200, 'the new read key reads logs');
  await session.screenshot('api-keys-created');

  await page.getByRole('button', { name: 'I have stored it' }).click();
  assert.equal(await keyField.count(), 0, 'the key is not shown again');
  const row = page.locator('tr[data-key-name="ci-deploy"]');
  await row.getByRole('button', { name: 'Revoke ci-deploy' }).click();
  await row.getByRole('button', { name: 'Confirm revoke' }).click();
  await row.getByText('Revoked').waitFor();
  const keys = await adminJson<{ results: Array<{ name: string; revoked_at: string | null }> }>('/api/api-keys/');
  assert.ok(keys.results.find((entry) => entry.name === 'ci-deploy')?.revoked_at, 'revoked in the API');
  const afterRevoke = (await fetch(`${gateway.apiBase}/request-logs/list/`, { method: 'POST', headers: { authorization: `Bearer ${key}` } })).status;
  assert.equal(afterRevoke, 401);
  await session.screenshot('api-keys');
});

test('sets limits on a key and on a customer, with the API refusal shown on the row', async () => {
  await openPage('Limits', 'Limits');
  const keyCard = page.locator('li[data-key-name="team-a"]');
  await keyCard.locator('summary').click();
  await keyCard.getByRole('button', { name: 'Add limit' }).click();
  await keyCard.getByLabel('Window of limit 1').selectOption('minute');
  await keyCard.getByLabel('Warn at, limit 1').fill('50');
  await keyCard.getByLabel('Block at, limit 1').fill('10');
  await keyCard.getByRole('button', { name: 'Save limits' }).click();
  await keyCard.locator('.field-error', { hasText: 'warn_at must not exceed block_at' }).waitFor();
  await keyCard.getByLabel('Warn at, limit 1').fill('5');
  await keyCard.getByRole('button', { name: 'Save limits' }).click();
  await keyCard.getByText('Limits saved').waitFor();
  const keys = await adminJson<{ results: Array<{ name: string; limits: unknown[] }> }>('/api/api-keys/');
  assert.deepEqual(keys.results.find((entry) => entry.name === 'team-a')?.limits, [{ metric: 'requests', window: 'minute', warn_at: 5, block_at: 10 }]);

  await page.getByLabel('Customer identifier').fill('alice');
  await page.getByRole('button', { name: 'Edit limits' }).click();
  const customerEditor = page.getByRole('form', { name: 'Limits of customer alice' });
  await customerEditor.getByRole('button', { name: 'Add limit' }).click();
  await customerEditor.getByLabel('Metric of limit 1').selectOption('cost');
  await customerEditor.getByLabel('Block at, limit 1').fill('2.5');
  await customerEditor.getByRole('button', { name: 'Save limits' }).click();
  await page.locator('li[data-customer="alice"]').waitFor();
  const alice = await adminJson<{ limits: unknown[] }>('/api/users/alice/');
  assert.deepEqual(alice.limits, [{ metric: 'cost', window: 'day', block_at: 2.5 }]);
  await session.screenshot('limits');
});

test('changes a load-balance weight and shows providers and deployments without secrets', async () => {
  await openPage('Load balancing', 'Load balancing');
  const group = page.locator('[data-group="chat"]');
  await group.getByLabel('Weight of model 2 of chat').fill('3');
  await group.getByText('50%').first().waitFor();
  await group.getByRole('button', { name: 'Save weights' }).click();
  await group.getByText('Saved').waitFor();
  const saved = await adminJson<{ models: Array<{ model: string; weight: number }> }>('/api/load-balance-groups/chat/');
  assert.deepEqual(saved.models.map((member) => [member.model, member.weight]), [['gpt-4o', 3], ['gpt-4o-mini', 3]]);
  await session.screenshot('load-balancing');

  await openPage('Providers', 'Providers');
  await page.locator('[data-provider="openai"]').waitFor();
  await page.locator('[data-deployment="openai-b"]').waitFor();
  const html = await page.content();
  for (const secret of ['sk-openai-secret', 'sk-groq-secret', 'sk-deployment-b']) assert.ok(!html.includes(secret), `${secret} never reaches the page`);
  await session.screenshot('providers');
});

test('is usable at phone width, and logs out', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Logs', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Logs' }).waitFor();
  await page.getByText('8 logs').waitFor();
  await session.screenshot('logs-phone');

  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Admin key').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('switchboard.admin-key')), null);
  await page.setViewportSize({ width: 1400, height: 900 });
  assert.deepEqual(session.problems, [], 'no script errors or CSP violations');
});
