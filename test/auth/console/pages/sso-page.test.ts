import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { httpCall } from '../../support/http-call.js';
import { chromiumWithDemoPerTest, logIn, screenshots, scrollsSideways, DESKTOP, PHONE } from '../browser.js';
import { eventually } from '../../support/eventually.js';

const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

describe('auth/console/pages/ssoPage in Chromium', function () {
  this.timeout(120_000);
  const suite = chromiumWithDemoPerTest();

  /** A failed SAML log-in reported to the demo as the host application would. */
  async function failedLogin(user: string): Promise<void> {
    const reply = await httpCall(suite.demo.demo.port, 'POST', '/demo/sso/login', basic('admin', 'admin'),
      JSON.stringify({ user, method: 'SAML', passed: false, reason: 'Signature invalid' }));
    expect(reply.status, reply.body).to.equal(200);
  }

  const diagnostics = (): string[] => {
    const file = join(suite.demo.logDir, 'kantega-diagnostics.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).message) : [];
  };

  async function press(page: Page, name: string): Promise<string | null> {
    await Promise.all([page.waitForURL(/\/sso$/), page.getByRole('button', { name }).click()]);
    return page.getByRole('status').first().textContent();
  }

  it('failure collection decides whether a failed SSO log-in reaches the diagnostics log file', async () => {
    const page = await suite.browser.newPage();
    await logIn(page, suite.demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${suite.demo.consoleUrl}/sso`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('SSO');

    expect(await press(page, 'Disable failure collection')).to.equal('Failure collection is disabled.');
    await failedLogin('while-off');
    expect(await press(page, 'Enable failure collection')).to.equal('Failure collection is enabled.');
    await failedLogin('while-on');
    const written = await eventually('the failure collected while on', async () => {
      const lines = diagnostics();
      return lines.some((line) => line.includes("'while-on'")) && lines;
    });
    expect(written).to.deep.equal(["Authentication of user 'while-on' failed: Signature invalid"]);

    expect(await press(page, 'Disable failure collection')).to.equal('Failure collection is disabled.');
    await failedLogin('off-again');
    expect(await press(page, 'Enable failure collection')).to.equal('Failure collection is enabled.');
    await failedLogin('on-again');
    await eventually('the next failure collected', async () => diagnostics().some((line) => line.includes("'on-again'")));
    expect(diagnostics()).to.deep.equal([
      "Authentication of user 'while-on' failed: Signature invalid",
      "Authentication of user 'on-again' failed: Signature invalid",
    ]);
  });

  it('shows the Kerberos and SAML usage counters with the time they count since, and resets them', async () => {
    suite.demo.demo.sso.recordChallengeSent('Kerberos');
    suite.demo.demo.sso.recordChallengeSent('Kerberos');
    suite.demo.demo.sso.recordLogin({ user: 'jdoe', method: 'Kerberos', passed: true });
    suite.demo.demo.sso.recordLogin({ user: 'ghost', method: 'Kerberos', passed: false, failure: 'userNotFound' });
    suite.demo.demo.sso.recordLogin({ user: 'jdoe', method: 'SAML', passed: false, failure: 'userNotInRequiredGroup' });
    const page = await suite.browser.newPage();
    await logIn(page, suite.demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${suite.demo.consoleUrl}/sso`);
    const counts = async (): Promise<Record<string, string[]>> => {
      const rows = await page.locator('#usage-counters tbody tr').all();
      return Object.fromEntries(await Promise.all(rows.map(async (r) => [await r.locator('th').textContent(), await r.locator('td').allTextContents()])));
    };
    expect(await counts()).to.deep.equal({
      'Login completed successfully': ['1', '0'],
      'Challenge count (WWW-Authenticate)': ['2', '0'],
      'Failed validating the client token': ['0', '0'],
      'User not found': ['1', '0'],
      'User lacks log-in permission': ['0', '0'],
      'User not in a required group': ['0', '1'],
      'Client session in temporary lockout': ['0', '0'],
    });
    const since = async () => page.getByRole('region', { name: 'Usage counters' }).locator('time').getAttribute('datetime');
    const before = await since();
    expect(Date.parse(before!)).to.equal(suite.demo.demo.sso.countingSince);
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page)).to.equal(false);
    await page.setViewportSize(DESKTOP);
    await screenshots(page, 'sso');

    expect(await press(page, 'Reset counters')).to.equal('The usage counters were reset.');
    expect(Object.values(await counts()).flat().every((n) => n === '0')).to.equal(true);
    expect(Date.parse((await since())!)).to.equal(suite.demo.demo.sso.countingSince);
    expect(suite.demo.demo.sso.countingSince).to.be.at.least(Date.parse(before!));
  });
});
