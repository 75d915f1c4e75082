import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium; a downloaded browser is never used (these machines cannot fetch one). */
export const CHROMIUM = process.env.WOLFPACK_CHROMIUM ?? '/usr/bin/chromium';

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/**
 * The built web app the browser suites serve: dist/web (`npm run build:web`), or the folder in
 * WOLFPACK_WEB_ROOT when a run builds its own copy (`vite build --outDir DIR`).
 */
export const WEB_ROOT =
  process.env.WOLFPACK_WEB_ROOT ?? join(import.meta.dirname, '..', '..', '..', 'dist', 'web');

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Background networking and component updates reach for hosts this machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far: a CSP violation shows up here. */
  problems: string[];
}

/** A fresh browser profile (its own local storage) with one page: one partner. */
export async function openTab(
  browser: Browser,
  options: { colorScheme?: 'light' | 'dark' } = {},
): Promise<Tab> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, problems };
}

/** Keeps what each tab showed when a test failed, under test-results/ (git-ignored). */
export async function screenshotAll(testName: string, tabs: Record<string, Tab | undefined>): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const slug = testName.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  for (const [who, tab] of Object.entries(tabs)) {
    if (!tab || tab.page.isClosed()) continue;
    await tab.page
      .screenshot({ path: join(SCREENSHOTS, `${slug}-${who}.png`), fullPage: true })
      .catch(() => undefined);
  }
}
