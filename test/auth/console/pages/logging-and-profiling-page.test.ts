import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { getLogger } from '../../../../src/log-manager.js';
import {
  flushLogs, logIn, openBrowser, requireChromium, screenshots, scrollsSideways, startDemoForBrowser, type Browser, type DemoUnderTest,
} from '../browser.js';

/** The lines of `after` that differ from `before`, as [before, after] pairs; both must have the same number of lines. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length, 'line count').to.equal(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('admin console: Logging & Profiling, in Chromium', function () {
  this.timeout(60_000);
  let demo: DemoUnderTest;
  let browser: Browser;
  let page: Page;
  const mainLog = () => readFileSync(join(demo.logDir, 'atlassian-jira.log'), 'utf8');

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

  const openAsAdmin = async () => {
    await logIn(page, demo.consoleUrl, 'admin', 'admin');
    await page.goto(`${demo.consoleUrl}/logging`);
  };
  const flash = async () => (await page.getByRole('status').textContent())?.trim();

  it('adds com.atlassian.pats at TRACE with persistence: only that line of the file changes, and TRACE lines appear', async () => {
    await openAsAdmin();
    const before = readFileSync(demo.configFile, 'utf8');
    await page.getByLabel('Package name').fill('com.atlassian.pats');
    await page.getByLabel('Logging level', { exact: true }).selectOption('TRACE');
    await page.getByLabel('Persist in configuration file').check();
    await page.getByRole('button', { name: 'Add' }).click();
    await page.getByRole('status').waitFor();
    expect(await flash()).to.equal('com.atlassian.pats is now at TRACE, saved in the configuration file.');
    expect(changedLines(before, readFileSync(demo.configFile, 'utf8'))).to.deep.equal([
      ['log4j.logger.com.atlassian.pats=INFO', 'log4j.logger.com.atlassian.pats=TRACE'],
    ]);
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'com.atlassian.pats', exact: true }) });
    expect(await row.getByRole('cell').nth(1).textContent()).to.equal('TRACE');
    expect(getLogger('com.atlassian.pats').level?.name).to.equal('TRACE');

    // Every request through the demo's auth middleware enters the PAT filter, which logs at TRACE.
    await page.goto(`${demo.consoleUrl}/logging`);
    await flushLogs();
    expect(mainLog().split('\n').filter((line) => / TRACE .*>>> TokenBasedAuthenticationFilter\.doFilter$/.test(line))).to.not.be.empty;
    await screenshots(page, 'console-logging');
  });

  it('changes a logger\'s level in place without touching the file', async () => {
    await openAsAdmin();
    const before = readFileSync(demo.configFile, 'utf8');
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'de.resolution.apitokenauth', exact: true }) });
    await row.getByLabel('Level of de.resolution.apitokenauth').selectOption('DEBUG');
    await row.getByRole('button', { name: 'Set' }).click();
    await page.getByRole('status').waitFor();
    expect(await flash()).to.equal('de.resolution.apitokenauth is now at DEBUG until the next restart or reload.');
    const after = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'de.resolution.apitokenauth', exact: true }) });
    expect(await after.getByRole('cell').nth(2).textContent()).to.equal('DEBUG');
    expect(readFileSync(demo.configFile, 'utf8')).to.equal(before);
    expect(getLogger('de.resolution.apitokenauth').level?.name).to.equal('DEBUG');
  });

  it('filters the loggers as one types', async () => {
    await openAsAdmin();
    await page.getByLabel('Filter loggers').fill('kantega');
    const visible = await page.locator('#loggers tbody tr:not([hidden]) td:first-child').allTextContents();
    expect(visible).to.deep.equal(['com.kantegasso.AuditLog', 'com.kantegasso.DiagnosticsLog']);
  });

  it('marks the logs with a message: a framed marker line in each log file, not in the audit log', async () => {
    await openAsAdmin();
    await page.getByLabel('Message').fill('Before the upgrade');
    await page.getByRole('button', { name: 'Mark' }).click();
    await page.getByRole('status').waitFor();
    expect(await flash()).to.match(/^Marked \d+ log files \(.*filelog.*\)\.$/);
    await flushLogs();
    const lines = mainLog().split('\n');
    const at = lines.findIndex((line) => line.includes('LogMarker'));
    expect(at, 'marker record').to.be.greaterThan(-1);
    expect(lines.slice(at).join('\n')).to.include('******************').and.include('Before the upgrade');
    expect(readFileSync(join(demo.logDir, 'audit', 'audit.log'), 'utf8')).not.to.include('Before the upgrade');
  });

  it('marks the logs after rolling them over: the marker begins the new file, the old lines are in the backup', async () => {
    await openAsAdmin();
    await page.getByLabel('Message').fill('Fresh start');
    await page.getByLabel('Roll over logs').check();
    await page.getByRole('button', { name: 'Mark' }).click();
    await page.getByRole('status').waitFor();
    expect(await flash()).to.include('Rolled over first:').and.include('filelog');
    await flushLogs();
    expect(readFileSync(join(demo.logDir, 'atlassian-jira.log.1'), 'utf8')).to.include('Before the upgrade');
    const fresh = mainLog();
    expect(fresh).not.to.include('Before the upgrade');
    expect(fresh.split('\n')[0]).to.include('LogMarker');
    expect(fresh).to.include('Fresh start');
  });

  it('shows the last lines of a chosen log file, live', async () => {
    await openAsAdmin();
    await page.getByLabel('Log file', { exact: true }).selectOption('filelog');
    const probe = `tail probe ${Date.now()}`;
    getLogger('com.example.TailProbe').info(probe);
    await page.waitForFunction((text) => document.getElementById('tail')?.textContent?.includes(text), probe, { timeout: 15_000 });
    expect(await page.locator('#tail').getAttribute('data-file')).to.equal(join(demo.logDir, 'atlassian-jira.log'));
  });

  it('is usable on a 390-pixel-wide phone: the page body does not scroll sideways', async () => {
    await openAsAdmin();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await scrollsSideways(page)).to.equal(false);
    expect(await page.getByRole('button', { name: 'Add' }).isVisible()).to.equal(true);
  });

  it('is keyboard operable: tab to Package name, submit with Enter', async () => {
    await openAsAdmin();
    let steps = 0;
    while (await page.evaluate(() => document.activeElement?.id) !== 'add-logger' && steps++ < 400) await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('add-logger');
    await page.keyboard.type('com.example.keyboard');
    await Promise.all([page.waitForURL(/\/admin\/logging$/), page.keyboard.press('Enter')]);
    await page.getByRole('status').waitFor();
    expect(await flash()).to.equal('com.example.keyboard is now at DEBUG until the next restart or reload.');
  });

  it('refuses a non-administrator (403) and changes nothing', async () => {
    await logIn(page, demo.consoleUrl, 'automation-user', 'automation');
    const reply = await page.goto(`${demo.consoleUrl}/logging`);
    expect(reply?.status()).to.equal(403);
    expect(await page.getByRole('alert').textContent()).to.equal('Only administrators may open Logging & Profiling.');
    expect(await page.getByRole('link', { name: 'Logging & Profiling' }).count()).to.equal(0);
  });

  describe('cross-site requests', () => {
    let foreign: Server;
    let foreignUrl: string;
    before(async () => {
      // Another site (localhost is not 127.0.0.1) with a form that posts to the console.
      foreign = createServer((_req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.end(`<!DOCTYPE html><form method="post" action="${demo.consoleUrl}/logging/set-level">
<input name="logger" value="com.atlassian.pats"><input name="level" value="OFF"><input name="persist" value="on"><button>Go</button></form>`);
      });
      await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
      foreignUrl = `http://localhost:${(foreign.address() as AddressInfo).port}/`;
    });
    after(() => new Promise<void>((resolve) => {
      foreign.close(() => resolve());
      foreign.closeAllConnections();
    }));

    it('refuses a form another site posts (403) and changes nothing', async () => {
      await openAsAdmin();
      const before = readFileSync(demo.configFile, 'utf8');
      const level = getLogger('com.atlassian.pats').level;
      await page.goto(foreignUrl);
      const [reply] = await Promise.all([page.waitForResponse(`${demo.consoleUrl}/logging/set-level`), page.getByRole('button', { name: 'Go' }).click()]);
      expect(reply.status()).to.equal(403);
      expect(getLogger('com.atlassian.pats').level).to.equal(level);
      expect(readFileSync(demo.configFile, 'utf8')).to.equal(before);
    });

    it('refuses a post with the session and token but a foreign Origin, and a same-origin post without the token', async () => {
      await openAsAdmin();
      const csrf = await page.locator('input[name="csrf"]').first().inputValue();
      const level = getLogger('com.atlassian.pats').level;
      const withToken = await page.request.post(`${demo.consoleUrl}/logging/set-level`, {
        form: { csrf, logger: 'com.atlassian.pats', level: 'OFF' }, headers: { Origin: 'http://evil.example' }, maxRedirects: 0,
      });
      expect(withToken.status()).to.equal(403);
      const status = await page.evaluate(async (url) => {
        const body = new URLSearchParams({ logger: 'com.atlassian.pats', level: 'OFF' });
        return (await fetch(url, { method: 'POST', body, redirect: 'manual' })).status;
      }, `${demo.consoleUrl}/logging/set-level`);
      expect(status).to.equal(403);
      expect(getLogger('com.atlassian.pats').level).to.equal(level);
    });
  });
});
