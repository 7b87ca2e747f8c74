import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, chromiumWithSharedDemo, flushLogs, logIn, screenshots } from './browser.js';

describe('admin console login, in Chromium', function () {
  this.timeout(60_000);
  const suite = chromiumWithSharedDemo();

  it('logs an administrator in with the Username and Password fields and the Log in button', async () => {
    await suite.page.goto(`${suite.demo.consoleUrl}/`);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).to.equal('Log in');
    const files = await screenshots(suite.page, 'console-login');
    expect(files.map((file) => existsSync(file))).to.deep.equal([true, true]);
    // Only LW_UPDATE_SCREENSHOTS=1 writes into the repository: `npm test` leaves the tree clean.
    const intoRepository = process.env.LW_UPDATE_SCREENSHOTS === '1';
    expect(files.map((file) => file.startsWith(SCREENSHOT_DIR))).to.deep.equal([intoRepository, intoRepository]);
    await logIn(suite.page, suite.demo.consoleUrl, 'admin', 'admin');
    expect(new URL(suite.page.url()).pathname).to.equal('/admin/logging');
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).to.equal('Logging & Profiling');
    const cookie = (await suite.browser.context.cookies()).find((c) => c.name === 'lw_console')!;
    expect(cookie).to.include({ httpOnly: true, sameSite: 'Strict', path: '/admin', secure: false });
    expect(await suite.page.evaluate(() => document.cookie)).to.equal('');
  });

  it('shows a wrong password as an error, logged and audited as the REST API does, without the password', async () => {
    await suite.page.goto(`${suite.demo.consoleUrl}/`);
    await suite.page.getByLabel('Username').fill('admin');
    await suite.page.getByLabel('Password').fill('not-the-password');
    await suite.page.getByRole('button', { name: 'Log in' }).click();
    await suite.page.getByRole('alert').waitFor();
    expect(await suite.page.getByRole('alert').textContent()).to.equal('Sorry, your username and password are incorrect.');
    expect(await suite.page.getByLabel('Username').inputValue()).to.equal('admin');
    expect(await suite.page.getByLabel('Password').inputValue()).to.equal('');
    await flushLogs();
    const main = readFileSync(join(suite.demo.logDir, 'atlassian-jira.log'), 'utf8');
    expect(main).to.include('User admin tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /admin/login');
    const newest = (await suite.demo.demo.auth.audit.query({})).records[0]!;
    expect(newest.type.action).to.equal('Failed authentication');
    expect(newest.affectedObjects.map((object) => object.name)).to.include('admin');
    expect(newest.extraAttributes).to.deep.include({ name: 'REST endpoint', value: '/admin/login' });
    for (const text of [main, readFileSync(join(suite.demo.logDir, 'audit', 'audit.log'), 'utf8')]) expect(text).not.to.include('not-the-password');
  });

  it('is keyboard operable: tab to the fields, log in with Enter', async () => {
    await suite.page.goto(`${suite.demo.consoleUrl}/`);
    // The form focuses Username itself (autofocus), once the page has loaded.
    await suite.page.waitForFunction(() => document.activeElement?.id === 'login-username');
    await suite.page.keyboard.type('admin');
    await suite.page.keyboard.press('Tab');
    expect(await suite.page.evaluate(() => document.activeElement?.id)).to.equal('login-password');
    await suite.page.keyboard.type('admin');
    await Promise.all([suite.page.waitForURL(/\/admin\/logging$/), suite.page.keyboard.press('Enter')]);
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).to.equal('Logging & Profiling');
  });
});
