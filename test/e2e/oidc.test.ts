// Sign-in through a real OpenID Provider (oidc-provider on loopback, test/support/oidc-provider.ts) in
// Chromium: the provider's own login and consent pages, back to the user's home page, an expired
// access token renewed or — without a refresh token — a new sign-in that keeps what was typed, the
// provider's sign-out, and the page shown while the provider is unreachable.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signInThroughProvider, signOut } from '../support/browser';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { startTestStack, type TestStack } from '../support/stack';

let op: TestOidcProvider;
let s: TestStack;
let browser: Browser;
beforeAll(async () => {
  op = await startOidcProvider();
  [s, browser] = await Promise.all([startTestStack({ oidc: op }), launchBrowser()]);
  op.allowWebOrigin(s.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await op?.close();
});

/** The tab's access token (web/src/api.ts tokenStore). */
const accessToken = (page: Page) => page.evaluate<string | null>("sessionStorage.getItem('zfz.token')");
/** As if the access token expired (the API refuses it); without the refresh token too when told. */
const expire = (page: Page, refreshToo = false) =>
  page.evaluate(
    `sessionStorage.setItem('zfz.token', 'expired');${refreshToo ? " sessionStorage.removeItem('zfz.oidc.tokens');" : ''}`,
  );
/** The officers search answered 200 (after a 401 and a renewal, when so). */
const searched = (page: Page) =>
  page.waitForResponse((r) => r.url().includes('/api/officers?q=') && r.status() === 200);

describe('OpenID Connect sign-in in Chromium', () => {
  it('signs in at the provider, lands on the user’s home page, and signs out at the provider', async () => {
    const page = await newPage(browser);
    await signInThroughProvider(page, s.baseUrl, op.issuer, 'city_reviewer');
    await page.getByRole('heading', { name: '待办审核任务' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.locator('.who').filter({ hasText: '市司法局审核员' }).waitFor();
    await screenshot(page, 'oidc-signed-in');

    await signOut(page);
    // The provider asks whether to end its session too.
    await page.waitForURL((u) => u.origin === op.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('button', { name: '使用统一身份认证登录' }).waitFor();
    expect(new URL(page.url()).origin).toBe(s.baseUrl);
    expect(await accessToken(page)).toBeNull();
  });

  it('an access token the API refuses is renewed with the refresh token; without one, a new sign-in keeps what was typed', async () => {
    const page = await newPage(browser);
    await signInThroughProvider(page, s.baseUrl, op.issuer, 'agency_admin');
    await page.goto(`${s.baseUrl}/officers`);
    await page.getByRole('heading', { name: '执法人员', exact: true }).waitFor();

    // Renewal: the access token is refused, the refresh token gets a new one, the request goes through.
    await expire(page);
    const answered = searched(page);
    await page.getByRole('searchbox', { name: '姓名' }).fill('张');
    await answered;
    await page.getByRole('link', { name: '张伟' }).waitFor();
    expect(await accessToken(page)).not.toBe('expired');
    expect(new URL(page.url()).pathname).toBe('/officers');

    // No refresh token left: what the form holds is kept, the provider (still signed in) sends the user back.
    await page.getByText('登记执法人员（在编）').click();
    await page.getByRole('textbox', { name: '姓名' }).last().fill('王芳');
    await expire(page, true);
    const visited: string[] = [];
    page.on('request', (r) => r.isNavigationRequest() && visited.push(new URL(r.url()).origin)); // redirects too
    const back = page.waitForURL((u) => u.pathname === '/auth/callback');
    await page.getByRole('searchbox', { name: '姓名' }).fill('李');
    await back;
    expect(visited).toContain(op.issuer); // through the provider, which still knew the user
    await page.waitForURL((u) => u.pathname === '/officers');
    await page.getByRole('heading', { name: '执法人员', exact: true }).waitFor();
    await page.getByText('登记执法人员（在编）').click();
    await expect.poll(() => page.getByRole('textbox', { name: '姓名' }).last().inputValue()).toBe('王芳');
  });

  it('someone the provider knows but this system does not is told so, and is not signed in', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/`);
    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    await page.locator('input[name="login"]').fill('stranger');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: '您的账号未在本系统登记' }).waitFor();
    expect(await accessToken(page)).toBeNull();
  });

  it('while the provider is unreachable, the sign-in shows why and offers a retry', async () => {
    const page = await newPage(browser);
    await page.goto(`${s.baseUrl}/sign-in`);
    await op.stop();
    try {
      await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
      await page.getByRole('heading', { name: '暂时无法登录' }).waitFor();
      await page.getByText('无法连接统一身份认证服务').waitFor();
      await screenshot(page, 'oidc-provider-unreachable');
    } finally {
      await op.start();
    }
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByRole('button', { name: '使用统一身份认证登录' }).waitFor();
  });
});
