import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { httpCall } from '../../support/http-call.js';
import { chromiumWithDemoPerTest, logIn, screenshots, scrollsSideways, DESKTOP, PHONE } from '../browser.js';
import { eventually } from '../../support/eventually.js';

const TOKENS = '/rest/de.resolution.apitokenauth/latest/user/token';
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

/** Every file under `dir`, as text. */
function everyFile(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? everyFile(file) : [{ file, text: readFileSync(file, 'latin1') }];
  });
}

describe('auth/console/pages/apiTokensPage in Chromium', function () {
  this.timeout(120_000);
  const suite = chromiumWithDemoPerTest();

  const rest = (token: string) => httpCall(suite.demo.demo.port, 'GET', TOKENS, `Bearer ${token}`);
  const row = (page: Page, table: string, description: string) =>
    page.locator(`#${table} tbody tr`).filter({ has: page.getByRole('cell', { name: description, exact: true }) });

  it('creates a token shown once, used over REST, with its last use and audit records shown; renames and revokes it', async () => {
    const page = await suite.browser.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.demo.demo.url });
    await logIn(page, suite.demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('API tokens');

    // Keyboard only: fill the form and submit it with Enter.
    await page.getByLabel('Token description').focus();
    await page.keyboard.type('CI pipeline');
    await page.getByLabel('Scope', { exact: true }).selectOption({ label: 'Read Only' });
    await page.getByLabel('Validity').selectOption({ label: '30 days' });
    await page.getByLabel('Token description').focus();
    const [created] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api-tokens/create')), page.keyboard.press('Enter')]);
    expect(created.status(), 'shown in the answer to the post itself, not after a redirect').to.equal(200);
    const field = page.getByLabel('New token for "CI pipeline"');
    const token = await field.inputValue();
    expect(token).to.match(/^[A-Za-z0-9+/=_-]{20,}$/);
    expect(page.url()).to.not.include(token);
    await page.getByRole('button', { name: 'Copy' }).focus();
    await page.keyboard.press('Enter');
    await eventually('the copy confirmation', async () => (await page.locator('#new-token-status').textContent()) === 'Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(token);
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).to.equal(false);
    await page.setViewportSize(DESKTOP);

    await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    expect(await page.content(), 'shown once: not on the next view').to.not.include(token);
    const own = row(page, 'own-tokens', 'CI pipeline');
    expect(await own.locator('td[data-label="Scope"]').textContent()).to.equal('Read Only');
    expect(await own.locator('td[data-label="Last used"]').textContent(), 'last used').to.equal('Never');

    expect((await rest(token)).status).to.equal(200);
    await page.reload();
    const lastUsed = await row(page, 'own-tokens', 'CI pipeline').locator('td[data-label="Last used"]').locator('time').getAttribute('datetime');
    expect(Date.parse(lastUsed!)).to.be.closeTo(Date.now(), 60_000);

    await page.goto(`${suite.demo.consoleUrl}/audit-log?text=CI+pipeline`);
    const actions = await eventually('the audit records of the token', async () => {
      await page.reload();
      const found = await page.locator('#audit-events tbody tr td[data-label="Action"]').allTextContents();
      return found.includes('Successful authentication') && found;
    });
    expect(actions).to.deep.equal(['Successful authentication', 'Token created']);

    await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    await row(page, 'own-tokens', 'CI pipeline').getByLabel('New description').fill('CI pipeline (nightly)');
    await Promise.all([page.waitForURL(/\/api-tokens$/), row(page, 'own-tokens', 'CI pipeline').getByRole('button', { name: 'Rename' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.equal('The API token is now called "CI pipeline (nightly)".');
    expect(await row(page, 'own-tokens', 'CI pipeline (nightly)').count()).to.equal(1);
    await screenshots(page, 'api-tokens');

    await Promise.all([page.waitForURL(/\/api-tokens$/), row(page, 'own-tokens', 'CI pipeline (nightly)').getByRole('button', { name: 'Revoke' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.equal('The API token "CI pipeline (nightly)" was revoked.');
    expect((await rest(token)).status, 'REST refuses a revoked token').to.equal(401);

    await page.goto(`${suite.demo.consoleUrl}/audit-log?text=CI+pipeline`);
    const all = await eventually('the rename and revocation in the audit log', async () => {
      await page.reload();
      const found = await page.locator('#audit-events tbody tr td[data-label="Action"]').allTextContents();
      return found.includes('Token deleted') && found;
    });
    expect(all).to.deep.equal(['Token deleted', 'Token renamed', 'Successful authentication', 'Token created']);

    await suite.demo.demo.auth.batcher.flush();
    for (const { file, text } of [...everyFile(suite.demo.logDir), ...everyFile(join(suite.demo.dir, 'data'))]) {
      expect(text, `${file} holds the token value`).to.not.include(token);
    }
  });

  it('administrators see every user\'s tokens, filter them and revoke all tokens of a user', async () => {
    const tokens: string[] = [];
    for (const description of ['build bot', 'deploy bot']) {
      const reply = await httpCall(suite.demo.demo.port, 'POST', TOKENS, basic('automation-user', 'automation'), JSON.stringify({ tokenDescription: description, tokenScope: 1 }));
      expect(reply.status, reply.body).to.equal(200);
      tokens.push(reply.json().plainTextToken);
    }
    await httpCall(suite.demo.demo.port, 'POST', TOKENS, basic('admin', 'admin'), JSON.stringify({ tokenDescription: 'admin laptop' }));
    const page = await suite.browser.newPage();
    await logIn(page, suite.demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    expect(await page.locator('#all-tokens tbody tr').count()).to.equal(3);

    await page.getByLabel('Filter by user').fill('automation-user');
    await page.getByLabel('Filter by scope').selectOption({ label: 'Read Only' });
    await Promise.all([page.waitForURL(/user=automation-user/), page.getByRole('button', { name: 'Filter' }).click()]);
    expect(await page.locator('#all-tokens tbody tr td[data-label="Description"]').allTextContents()).to.deep.equal(['build bot', 'deploy bot']);
    await page.getByLabel('Filter by description').fill('deploy');
    await Promise.all([page.waitForURL(/description=deploy/), page.getByRole('button', { name: 'Filter' }).click()]);
    expect(await page.locator('#all-tokens tbody tr td[data-label="Description"]').allTextContents()).to.deep.equal(['deploy bot']);

    expect(await page.getByLabel('User whose tokens to revoke').inputValue(), 'the filtered user, ready to revoke').to.equal('automation-user');
    await Promise.all([page.waitForURL(/\/api-tokens$/), page.getByRole('button', { name: 'Revoke all tokens' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.equal('2 tokens of automation-user revoked.');
    for (const token of tokens) expect((await rest(token)).status).to.equal(401);
    expect(await page.locator('#all-tokens tbody tr td[data-label="Description"]').allTextContents()).to.deep.equal(['admin laptop']);
  });

  it('a non-administrator manages their own tokens only, and gets 403 on the Audit log and SSO pages', async () => {
    await httpCall(suite.demo.demo.port, 'POST', TOKENS, basic('admin', 'admin'), JSON.stringify({ tokenDescription: 'not yours' }));
    const page = await suite.browser.newPage();
    await logIn(page, suite.demo.consoleUrl, 'automation-user', 'automation');
    const reply = await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    expect(reply!.status()).to.equal(200);
    await page.getByLabel('Token description').fill('my script');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/create')), page.getByRole('button', { name: 'Create token' }).click()]);
    const token = await page.getByLabel('New token for "my script"').inputValue();
    expect((await rest(token)).status).to.equal(200);
    await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    expect(await page.locator('#own-tokens tbody tr td[data-label="Description"]').allTextContents()).to.deep.equal(['my script']);
    expect(await page.locator('#all-tokens').count(), 'no listing of other users').to.equal(0);
    expect(await page.content()).to.not.include('not yours');
    const navigation = await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link').allTextContents();
    expect(navigation).to.include('API tokens');
    expect(navigation).to.not.include('Audit log');
    expect(navigation).to.not.include('SSO');
    for (const segment of ['audit-log', 'sso']) {
      expect((await page.goto(`${suite.demo.consoleUrl}/${segment}`))!.status(), segment).to.equal(403);
    }
  });
});
