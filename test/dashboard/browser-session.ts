import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repositoryRoot } from './ensure-dashboard-build.ts';

export const chromiumPath = '/usr/bin/chromium';
export const screenshotDirectory = join(repositoryRoot, 'test-artifacts', 'dashboard');

export interface BrowserSession {
  browser: Browser;
  page: Page;
  /** Script errors and Content-Security-Policy violations seen so far. */
  problems: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium driven by playwright-core. A missing browser is a failure with the fix in the
 * message, never a skip: the dashboard would otherwise go untested without anyone noticing.
 */
export async function openBrowserSession(): Promise<BrowserSession> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: the dashboard tests need it. Install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this).`);
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  mkdirSync(screenshotDirectory, { recursive: true });
  return {
    browser,
    page,
    problems,
    async screenshot(name) {
      // A pointer left over a chart would leave its tooltip in the picture.
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
    },
    close: () => browser.close(),
  };
}
