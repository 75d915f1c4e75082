import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import { openTab } from './browser.ts';
import type { Tab } from './browser.ts';

/** Playwright waits for what a person would wait to see; every wait here is bounded. */
export const SEE_MS = 5_000;

export async function createPackInBrowser(
  page: Page,
  url: string,
  pack: string,
  name: string,
): Promise<string> {
  await page.goto(url);
  const form = page.getByRole('form', { name: 'Start a pack' });
  await form.getByLabel('Pack name').fill(pack);
  await form.getByLabel('Your name').fill(name);
  await form.getByRole('button', { name: 'Create pack' }).click();
  const code = page.getByTestId('invite-code');
  await code.waitFor({ timeout: SEE_MS });
  return (await code.textContent())?.trim() ?? '';
}

export async function joinPackInBrowser(
  page: Page,
  url: string,
  inviteCode: string,
  name: string,
): Promise<void> {
  await page.goto(url);
  const form = page.getByRole('form', { name: 'Join a pack' });
  await form.getByLabel('Invite code').fill(inviteCode);
  await form.getByLabel('Your name').fill(name);
  await form.getByRole('button', { name: 'Join pack' }).click();
  await page.getByRole('heading', { name: 'Live challenges' }).waitFor({ timeout: SEE_MS });
}

/** Two partners in one pack, each in a browser profile of their own: Alex owns it, Sam joined. */
export async function twoPartners(browser: Browser, url: string): Promise<{ a: Tab; b: Tab }> {
  const a = await openTab(browser);
  const b = await openTab(browser);
  const code = await createPackInBrowser(a.page, url, 'Hunters', 'Alex');
  await joinPackInBrowser(b.page, url, code, 'Sam');
  return { a, b };
}

export async function startTemplate(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New challenge' }).click();
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('heading', { name: 'Live challenges' }).waitFor({ timeout: SEE_MS });
}

/** The count shown for `name` in the first open challenge with that title. */
export function standingCount(page: Page, title: string, name: string): Locator {
  return page
    .getByTestId('challenge')
    .filter({ has: page.getByRole('heading', { name: title }) })
    .getByTestId('standing')
    .filter({ has: page.getByTestId('standing-name').getByText(name, { exact: true }) })
    .getByTestId('standing-count');
}

/** Waits until the locator's whole text is `text`. */
export async function seeText(locator: Locator, text: string, timeout = SEE_MS): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await locator
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
    .first()
    .waitFor({ timeout });
}

export async function go(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

/**
 * Cuts and restores one tab's live connection to the relay; the page itself still loads. Cutting
 * reloads the page, so the connection it makes next meets the closed route (as with the relay
 * down); restoring lets the next reconnect attempt through.
 */
export async function relaySwitch(tab: Tab): Promise<{ cut(): Promise<void>; restore(): void }> {
  let reachable = true;
  const open = new Set<WebSocketRoute>();
  await tab.context.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (!reachable) return void ws.close();
    ws.connectToServer();
    open.add(ws);
  });
  return {
    async cut() {
      reachable = false;
      for (const ws of open) await ws.close();
      open.clear();
      // A fresh load meets the closed route at once, as a page does with the relay down.
      await tab.page.reload();
      await tab.page
        .getByTestId('connection')
        .getByText(/Offline|Connecting/)
        .waitFor({ timeout: SEE_MS });
    },
    restore() {
      reachable = true;
    },
  };
}
