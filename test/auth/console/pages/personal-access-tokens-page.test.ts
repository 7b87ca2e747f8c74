import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { httpCall } from '../../support/http-call.js';
import { chromiumWithDemoPerTest, logIn, screenshots } from '../browser.js';

const PATS = '/rest/pat/latest/tokens';

describe('auth/console/pages/personalAccessTokensPage in Chromium', function () {
  this.timeout(120_000);
  const suite = chromiumWithDemoPerTest();

  const row = (page: Page, description: string) =>
    page.locator('#own-tokens tbody tr').filter({ has: page.getByRole('cell', { name: description, exact: true }) });

  it('creates a personal access token that works over the PAT REST API, lists it apart from API tokens, revokes it', async () => {
    const page = await suite.browser.newPage();
    await logIn(page, suite.demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${suite.demo.consoleUrl}/personal-access-tokens`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Personal access tokens');
    await page.getByLabel('Token description').fill('IDE');
    await page.getByLabel('Validity').selectOption({ label: '6 months' });
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/create')), page.getByRole('button', { name: 'Create token' }).click()]);
    const token = await page.getByLabel('New token for "IDE"').inputValue();

    const listed = await httpCall(suite.demo.demo.port, 'GET', PATS, `Bearer ${token}`);
    expect(listed.status, listed.body).to.equal(200);
    expect(listed.json().map((t: { name: string }) => t.name)).to.deep.equal(['IDE']);

    await page.goto(`${suite.demo.consoleUrl}/api-tokens`);
    expect(await page.locator('#own-tokens').count(), 'a personal access token is not an API token').to.equal(0);
    await page.goto(`${suite.demo.consoleUrl}/personal-access-tokens`);
    expect(await row(page, 'IDE').locator('time').count(), 'created, last used, expiry').to.equal(3);
    await screenshots(page, 'personal-access-tokens');

    await Promise.all([page.waitForURL(/\/personal-access-tokens$/), row(page, 'IDE').getByRole('button', { name: 'Revoke' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.equal('The personal access token "IDE" was revoked.');
    expect((await httpCall(suite.demo.demo.port, 'GET', PATS, `Bearer ${token}`)).status).to.equal(401);
  });
});
