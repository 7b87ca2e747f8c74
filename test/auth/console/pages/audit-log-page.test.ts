import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { httpCall } from '../../support/http-call.js';
import { chromiumPerSuite, logIn, screenshots, scrollsSideways, startDemoForBrowser, PHONE, DESKTOP, type DemoUnderTest } from '../browser.js';
import { ConsoleClient } from '../console-client.js';
import { eventually } from '../../support/eventually.js';

const TOKENS = '/rest/de.resolution.apitokenauth/latest/user/token';
const basic = (user: string, password: string) => 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

describe('auth/console/pages/auditLogPage in Chromium', function () {
  this.timeout(120_000);
  const suite = chromiumPerSuite();
  let demo: DemoUnderTest | undefined;
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'logwarden-console-data-'));
  });
  afterEach(async () => {
    await demo?.close();
    demo = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A token made over REST by the administrator, and a request authenticated with it. */
  async function tokenOf(description: string): Promise<string> {
    const reply = await httpCall(demo!.demo.port, 'POST', TOKENS, basic('admin', 'admin'), JSON.stringify({ tokenDescription: description }));
    expect(reply.status, reply.body).to.equal(200);
    return reply.json().plainTextToken as string;
  }

  async function useToken(token: string): Promise<void> {
    const reply = await httpCall(demo!.demo.port, 'GET', TOKENS, `Bearer ${token}`);
    expect(reply.status, reply.body).to.equal(200);
  }

  /** The actions of the events table after filtering it by `text` in the page. */
  async function actionsMatching(page: Page, text: string): Promise<string[]> {
    await page.goto(`${demo!.consoleUrl}/audit-log`);
    await page.getByLabel('Text', { exact: true }).fill(text);
    await Promise.all([page.waitForURL(/text=/), page.getByRole('button', { name: 'Filter' }).click()]);
    if (await page.locator('#audit-events').count() === 0) return [];
    return page.locator('#audit-events tbody tr td[data-label="Action"]').allTextContents();
  }

  async function save(page: Page): Promise<void> {
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith('/audit-log')), page.getByRole('button', { name: 'Save' }).click()]);
    expect(await page.getByRole('status').first().textContent()).to.match(/The audit settings were saved\./);
  }

  it('a switch saved in the page governs the next authentication, is itself audited, and survives a restart on the same data folder', async () => {
    demo = await startDemoForBrowser({ dataDir });
    const page = await suite.browser.newPage();
    await logIn(page, demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${demo.consoleUrl}/audit-log`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Audit log');
    const successful = page.getByLabel('Successful authentication', { exact: true });
    expect(await successful.isChecked(), 'the demo audits successful authentication by default').to.equal(true);

    await successful.uncheck();
    await save(page);
    expect(await page.getByLabel('Successful authentication', { exact: true }).isChecked()).to.equal(false);
    const quiet = await tokenOf('switched off');
    await useToken(quiet);
    await eventually('the token creation in the audit log', async () => (await actionsMatching(page, 'switched off')).includes('Token created'));
    expect(await actionsMatching(page, 'switched off'), 'no successful authentication recorded while off').to.deep.equal(['Token created']);

    await page.goto(`${demo.consoleUrl}/audit-log`);
    await page.getByLabel('Successful authentication', { exact: true }).check();
    await page.getByLabel('Permission denied', { exact: true }).uncheck();
    await save(page);
    const loud = await tokenOf('switched on');
    await useToken(loud);
    const actions = await eventually('the successful authentication in the audit log', async () => {
      const found = await actionsMatching(page, 'switched on');
      return found.includes('Successful authentication') && found;
    });
    expect(actions).to.deep.equal(['Successful authentication', 'Token created']);
    expect(await actionsMatching(page, 'Audit settings changed')).to.deep.equal(['Audit settings changed', 'Audit settings changed']);
    expect(await page.locator('#audit-events tbody tr').first().textContent()).to.include('Permission denied: On → Off');

    await demo.close();
    demo = await startDemoForBrowser({ dataDir });
    const again = await suite.browser.newPage();
    await logIn(again, demo.consoleUrl, 'admin', 'admin');
    await again.goto(`${demo.consoleUrl}/audit-log`);
    expect(await again.getByLabel('Successful authentication', { exact: true }).isChecked()).to.equal(true);
    expect(await again.getByLabel('Permission denied', { exact: true }).isChecked(), 'off as saved, though the demo turns it on').to.equal(false);
    expect(await again.getByLabel('Audit-log all failed authentication attempts', { exact: true }).isChecked()).to.equal(true);
    expect(await again.getByLabel('Audit-log failed API token authentication attempts', { exact: true }).isChecked()).to.equal(true);
    expect(demo.demo.auth.audit.switches.permissionDenied, 'in force, not only shown').to.equal(false);
  });

  it('filters the events by author, category and date range and pages through them; keyboard only', async () => {
    demo = await startDemoForBrowser({ dataDir });
    // More than a page of records, written by the demo's own audit log as token creations would be.
    for (let i = 0; i < 55; i++) {
      const id = `00000000000000${i.toString(16).padStart(2, '0')}`;
      demo.demo.auth.audit.tokenCreated('admin', {
        id, family: 'api', owner: 'admin', description: `paged ${String(i).padStart(2, '0')}`, scope: 'READ_ONLY', hash: 'unused',
        createdAt: Date.now(), expiresAt: null, lastAccessedAt: null,
      }, '127.0.0.1');
    }
    const page = await suite.browser.newPage();
    await logIn(page, demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${demo.consoleUrl}/audit-log`);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Author', { exact: true }).fill('admin');
    await page.getByLabel('Category', { exact: true }).fill('API tokens');
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByLabel('Text', { exact: true }).fill('paged');
    await Promise.all([page.waitForURL(/author=admin/), page.getByLabel('Text', { exact: true }).press('Enter')]);
    await eventually('55 events', async () => (await page.locator('nav.pager span').first().textContent())?.includes('of 55') || (await page.reload(), false));
    expect(await page.locator('nav.pager span').first().textContent()).to.equal('Events 1–50 of 55');
    expect(await page.locator('#audit-events tbody tr').count()).to.equal(50);
    expect(await page.locator('#audit-events tbody tr td[data-label="Affected"]').first().textContent()).to.include('paged 54');

    await page.getByRole('link', { name: 'Older events' }).first().focus();
    await Promise.all([page.waitForURL(/offset=50/), page.keyboard.press('Enter')]);
    expect(await page.locator('nav.pager span').first().textContent()).to.equal('Events 51–55 of 55');
    expect(await page.locator('#audit-events tbody tr td[data-label="Affected"]').last().textContent()).to.include('paged 00');
    expect(new URL(page.url()).searchParams.get('category')).to.equal('API tokens');

    await page.goto(`${demo.consoleUrl}/audit-log?from=2000-01-01&to=2000-01-31`);
    expect(await page.getByText('No audit events match.').count()).to.equal(1);
    await page.goto(`${demo.consoleUrl}/audit-log?from=yesterday`);
    expect(await page.getByRole('alert').first().textContent()).to.include('"From" is not a date (yyyy-mm-dd): yesterday');

    // A short page for the README: six events.
    await page.goto(`${demo.consoleUrl}/audit-log?text=paged+5`);
    await page.setViewportSize(PHONE);
    expect(await scrollsSideways(page), 'the page body fits a 390-pixel phone').to.equal(false);
    await page.setViewportSize(DESKTOP);
    await screenshots(page, 'audit-log');
  });

  it('a non-administrator gets 403 and no link', async () => {
    demo = await startDemoForBrowser({ dataDir });
    const page = await suite.browser.newPage();
    await logIn(page, demo.consoleUrl, 'automation-user', 'automation');
    const reply = await page.goto(`${demo.consoleUrl}/audit-log`);
    expect(reply!.status()).to.equal(403);
    expect(await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Audit log' }).count()).to.equal(0);
  });
});

describe('auth/console/pages/auditLogPage over HTTP', function () {
  this.timeout(60_000);
  let demo: DemoUnderTest;

  beforeEach(async () => {
    demo = await startDemoForBrowser();
  });
  afterEach(async () => {
    await demo?.close();
  });

  it('a non-administrator\'s post to Save changes nothing; an administrator\'s unchecked boxes turn switches off', async () => {
    const user = new ConsoleClient(demo.demo.port);
    await user.logIn('/admin', 'automation-user', 'automation');
    await user.get('/admin/api-tokens');
    const refused = await user.post('/admin/audit-log/save-switches', { csrf: user.csrf });
    expect(refused.status).to.equal(403);
    expect(demo.demo.auth.audit.switches).to.deep.equal({ successfulAuthentication: true, failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: true });

    const admin = new ConsoleClient(demo.demo.port);
    await admin.logIn('/admin', 'admin', 'admin');
    await admin.get('/admin/audit-log');
    const saved = await admin.post('/admin/audit-log/save-switches', { csrf: admin.csrf, successfulAuthentication: 'on' });
    expect(saved.status).to.equal(303);
    expect(demo.demo.auth.audit.switches).to.deep.equal({ successfulAuthentication: true, failedApiTokenAttempts: false, allFailedAttempts: false, permissionDenied: false });
  });

  it('escapes what audit records hold', async () => {
    demo.demo.auth.audit.tokenCreated('admin', {
      id: '00000000000000aa', family: 'api', owner: 'admin', description: '<img src=x onerror=alert(1)>', scope: 'READ_ONLY', hash: 'unused',
      createdAt: Date.now(), expiresAt: null, lastAccessedAt: null,
    }, '127.0.0.1');
    const admin = new ConsoleClient(demo.demo.port);
    await admin.logIn('/admin', 'admin', 'admin');
    const page = await eventually('the record in the page', async () => {
      const body = (await admin.get('/admin/audit-log?text=onerror')).body;
      return body.includes('00000000000000aa') && body;
    });
    expect(page).to.include('&lt;img src=x onerror=alert(1)&gt;').and.not.include('<img src=x');
  });
});
