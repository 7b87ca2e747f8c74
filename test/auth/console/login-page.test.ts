import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, flushLogs, logIn, openBrowser, requireChromium, screenshots, startDemoForBrowser, type Browser, type DemoUnderTest } from './browser.js';

describe('admin console login, in Chromium', function () {
  this.timeout(60_000);
  let demo: DemoUnderTest;
  let browser: Browser;
  let page: Page;

  before(async function () {
    requireChromium(this);
    demo = await startDemoForBrowser();
    browser = await openBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });
  beforeEach(async () => {
    await browser.context.clearCookies();
    page = await browser.newPage();
  });
  afterEach(async () => page?.close());

  it('logs an administrator in with the Username and Password fields and the Log in button', async () => {
    await page.goto(`${demo.consoleUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Log in');
    const files = await screenshots(page, 'console-login');
    expect(files.map((file) => existsSync(file))).to.deep.equal([true, true]);
    // Only LW_UPDATE_SCREENSHOTS=1 writes into the repository: `npm test` leaves the tree clean.
    const intoRepository = process.env.LW_UPDATE_SCREENSHOTS === '1';
    expect(files.map((file) => file.startsWith(SCREENSHOT_DIR))).to.deep.equal([intoRepository, intoRepository]);
    await logIn(page, demo.consoleUrl, 'admin', 'admin');
    expect(new URL(page.url()).pathname).to.equal('/admin/logging');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Logging & Profiling');
    const cookie = (await browser.context.cookies()).find((c) => c.name === 'lw_console')!;
    expect(cookie).to.include({ httpOnly: true, sameSite: 'Strict', path: '/admin', secure: false });
    expect(await page.evaluate(() => document.cookie)).to.equal('');
  });

  it('shows a wrong password as an error, logged and audited as the REST API does, without the password', async () => {
    await page.goto(`${demo.consoleUrl}/`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).to.equal('Sorry, your username and password are incorrect.');
    expect(await page.getByLabel('Username').inputValue()).to.equal('admin');
    expect(await page.getByLabel('Password').inputValue()).to.equal('');
    await flushLogs();
    const main = readFileSync(join(demo.logDir, 'atlassian-jira.log'), 'utf8');
    expect(main).to.include('User admin tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /admin/login');
    const newest = (await demo.demo.auth.audit.query({})).records[0]!;
    expect(newest.type.action).to.equal('Failed authentication');
    expect(newest.affectedObjects.map((object) => object.name)).to.include('admin');
    expect(newest.extraAttributes).to.deep.include({ name: 'REST endpoint', value: '/admin/login' });
    for (const text of [main, readFileSync(join(demo.logDir, 'audit', 'audit.log'), 'utf8')]) expect(text).not.to.include('not-the-password');
  });

  it('is keyboard operable: tab to the fields, log in with Enter', async () => {
    await page.goto(`${demo.consoleUrl}/`);
    // The form focuses Username itself (autofocus), once the page has loaded.
    await page.waitForFunction(() => document.activeElement?.id === 'login-username');
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('login-password');
    await page.keyboard.type('admin');
    await Promise.all([page.waitForURL(/\/admin\/logging$/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Logging & Profiling');
  });
});
