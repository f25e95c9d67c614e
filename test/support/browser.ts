// A headless Chromium (Debian's, never downloaded) driven by playwright-core, with helpers the
// browser tests share: a page as a person in Hangzhou sees it, sign in as a demo user or through an
// OpenID provider's own pages, sign out, save a screenshot.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { ROOT } from '../../infra/paths';
import { eventually } from './eventually';
import { startTestStack, type StackOptions, type TestStack } from './stack';

/** Screenshots of the main pages for review (git-ignored). */
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in on the sign-in page by picking the demo user, as a person would in dev mode. */
export async function signInAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator(`button[data-username="${username}"]`).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export async function signOut(page: Page): Promise<void> {
  const toggle = page.locator('.menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.getByRole('button', { name: '退出' }).click();
}

/** A new page in its own context: zh-CN, Asia/Shanghai, a desktop window unless told; page errors logged. */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('[browser]', e.message));
  return page;
}

/** From our sign-in page through the OpenID provider's own login (any password) and consent pages. */
export async function signInThroughProvider(page: Page, baseUrl: string, issuer: string, username: string) {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
  await page.waitForURL((u) => u.origin === issuer);
  await page.locator('input[name="login"]').fill(username);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click(); // consent
  await page.waitForURL((u) => u.origin === baseUrl && !u.pathname.startsWith('/auth/callback'));
}

/** A reviewer opens the application's task from the inbox (it appears once the previous level has decided). */
export async function openTaskFromInbox(page: Page, baseUrl: string, applicationNumber: string) {
  const link = page.getByRole('link', { name: new RegExp(applicationNumber) });
  await eventually(`task of ${applicationNumber} in the inbox`, async () => {
    await page.goto(`${baseUrl}/inbox`);
    await page.getByRole('heading', { name: '待办审核任务' }).waitFor();
    await loaded(page);
    return (await link.count()) > 0;
  });
  await link.click();
  await page.getByRole('heading', { name: '审核任务' }).waitFor();
}

/** Until no part of the page is still loading (every `aria-busy` gone; the page's CSP allows no eval). */
export async function loaded(page: Page): Promise<void> {
  const busy = page.locator('[aria-busy="true"]');
  while ((await busy.count()) > 0) await busy.first().waitFor({ state: 'detached' });
}

/**
 * The test file's stack and browser, started together before its tests and stopped after them:
 * `withBrowserStack((stack, b) => { s = stack; browser = b; })`.
 */
export function withBrowserStack(use: (s: TestStack, browser: Browser) => void, opts?: StackOptions): void {
  let s: TestStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [s, browser] = await Promise.all([startTestStack(opts), launchBrowser()]);
    use(s, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.stop();
  });
}
