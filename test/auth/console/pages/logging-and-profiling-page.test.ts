import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileAppender } from '../../../../appenders/file-appender.js';
import { createAuthModule, type AuthModule } from '../../../../src/auth/auth-module.js';
import { adminConsole } from '../../../../src/auth/console/admin-console.js';
import { loggingAndProfilingPage } from '../../../../src/auth/console/pages/logging-and-profiling-page.js';
import { MemoryTokenStore } from '../../../../src/auth/store/memory-token-store.js';
import { GroupPermissions } from '../../../../src/auth/tokens/token-permissions.js';
import { InMemoryUserDirectory } from '../../../../src/auth/users/user-directory.js';
import { configure, defaultConfigurator } from '../../../../src/config/configure.js';
import { Level } from '../../../../src/level.js';
import { getLogger, LogManager } from '../../../../src/log-manager.js';
import { ConsoleClient } from '../console-client.js';
import {
  chromiumWithSharedDemo, flushLogs, logIn, screenshots, scrollsSideways,
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
  const suite = chromiumWithSharedDemo();
  const mainLog = () => readFileSync(join(suite.demo.logDir, 'atlassian-jira.log'), 'utf8');

  const openAsAdmin = async () => {
    await logIn(suite.page, suite.demo.consoleUrl, 'admin', 'admin');
    await suite.page.goto(`${suite.demo.consoleUrl}/logging`);
  };
  const flash = async () => (await suite.page.getByRole('status').textContent())?.trim();

  it('adds com.atlassian.pats at TRACE with persistence: only that line of the file changes, and TRACE lines appear', async () => {
    await openAsAdmin();
    const before = readFileSync(suite.demo.configFile, 'utf8');
    await suite.page.getByLabel('Package name').fill('com.atlassian.pats');
    await suite.page.getByLabel('Logging level', { exact: true }).selectOption('TRACE');
    await suite.page.getByLabel('Persist in configuration file').check();
    await suite.page.getByRole('button', { name: 'Add' }).click();
    await suite.page.getByRole('status').waitFor();
    expect(await flash()).to.equal('com.atlassian.pats is now at TRACE, saved in the configuration file.');
    expect(changedLines(before, readFileSync(suite.demo.configFile, 'utf8'))).to.deep.equal([
      ['log4j.logger.com.atlassian.pats=INFO', 'log4j.logger.com.atlassian.pats=TRACE'],
    ]);
    const row = suite.page.getByRole('row').filter({ has: suite.page.getByRole('cell', { name: 'com.atlassian.pats', exact: true }) });
    expect(await row.getByRole('cell').nth(1).textContent()).to.equal('TRACE');
    expect(getLogger('com.atlassian.pats').level?.name).to.equal('TRACE');

    // Every request through the demo's auth middleware enters the PAT filter, which logs at TRACE.
    await suite.page.goto(`${suite.demo.consoleUrl}/logging`);
    await flushLogs();
    expect(mainLog().split('\n').filter((line) => / TRACE .*>>> TokenBasedAuthenticationFilter\.doFilter$/.test(line))).to.not.be.empty;
    await screenshots(suite.page, 'console-logging');
  });

  it('loads its script, stylesheet and icon from the console alone, with no Content-Security-Policy violation', async () => {
    const problems: string[] = [];
    const foreign: string[] = [];
    suite.page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
    suite.page.on('requestfailed', (request) => {
      // The live view polls the tail; a poll in flight when the page navigates on is abandoned by the browser.
      if (request.url().includes('/logging/tail?') && request.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    suite.page.on('request', (request) => { if (!request.url().startsWith(`${suite.demo.consoleUrl}/`)) foreign.push(request.url()); });
    await logIn(suite.page, suite.demo.consoleUrl, 'admin', 'admin');
    await suite.page.goto(`${suite.demo.consoleUrl}/logging`);
    await suite.page.getByLabel('Filter loggers').fill('pats');
    await suite.page.locator('#tail[data-file]').waitFor();
    expect(problems).to.deep.equal([]);
    expect(foreign).to.deep.equal([]);
    expect(await suite.page.locator('#loggers tbody tr:not([hidden])').count()).to.equal(1);
    expect(await suite.page.evaluate(() => getComputedStyle(document.querySelector('header.bar')!).backgroundColor)).to.equal('rgb(7, 71, 166)');
  });

  it('changes a logger\'s level in place without touching the file', async () => {
    await openAsAdmin();
    const before = readFileSync(suite.demo.configFile, 'utf8');
    const row = suite.page.getByRole('row').filter({ has: suite.page.getByRole('cell', { name: 'de.resolution.apitokenauth', exact: true }) });
    await row.getByLabel('Level of de.resolution.apitokenauth').selectOption('DEBUG');
    await row.getByRole('button', { name: 'Set' }).click();
    await suite.page.getByRole('status').waitFor();
    expect(await flash()).to.equal('de.resolution.apitokenauth is now at DEBUG until the next restart or reload.');
    const after = suite.page.getByRole('row').filter({ has: suite.page.getByRole('cell', { name: 'de.resolution.apitokenauth', exact: true }) });
    expect(await after.getByRole('cell').nth(2).textContent()).to.equal('DEBUG');
    expect(readFileSync(suite.demo.configFile, 'utf8')).to.equal(before);
    expect(getLogger('de.resolution.apitokenauth').level?.name).to.equal('DEBUG');
  });

  it('filters the loggers as one types', async () => {
    await openAsAdmin();
    await suite.page.getByLabel('Filter loggers').fill('kantega');
    const visible = await suite.page.locator('#loggers tbody tr:not([hidden]) td:first-child').allTextContents();
    expect(visible).to.deep.equal(['com.kantegasso.AuditLog', 'com.kantegasso.DiagnosticsLog']);
  });

  it('marks the logs with a message: a framed marker line in each log file, not in the audit log', async () => {
    await openAsAdmin();
    await suite.page.getByLabel('Message').fill('Before the upgrade');
    await suite.page.getByRole('button', { name: 'Mark' }).click();
    await suite.page.getByRole('status').waitFor();
    expect(await flash()).to.match(/^Marked \d+ log files \(.*filelog.*\)\.$/);
    await flushLogs();
    const lines = mainLog().split('\n');
    const at = lines.findIndex((line) => line.includes('LogMarker'));
    expect(at, 'marker record').to.be.greaterThan(-1);
    expect(lines.slice(at).join('\n')).to.include('******************').and.include('Before the upgrade');
    expect(readFileSync(join(suite.demo.logDir, 'audit', 'audit.log'), 'utf8')).not.to.include('Before the upgrade');
  });

  it('marks the logs after rolling them over: the marker begins the new file, the old lines are in the backup', async () => {
    await openAsAdmin();
    getLogger('com.example.BeforeRoll').info('logged before the roll-over');
    await suite.page.getByLabel('Message').fill('Fresh start');
    await suite.page.getByLabel('Roll over logs').check();
    await suite.page.getByRole('button', { name: 'Mark' }).click();
    await suite.page.getByRole('status').waitFor();
    expect(await flash()).to.include('Rolled over first:').and.include('filelog');
    await flushLogs();
    expect(readFileSync(join(suite.demo.logDir, 'atlassian-jira.log.1'), 'utf8')).to.include('logged before the roll-over');
    const fresh = mainLog();
    expect(fresh).not.to.include('logged before the roll-over');
    expect(fresh.split('\n')[0]).to.include('LogMarker');
    expect(fresh).to.include('Fresh start');
  });

  it('shows the last lines of a chosen log file, live', async () => {
    await openAsAdmin();
    await suite.page.getByLabel('Log file', { exact: true }).selectOption('filelog');
    const probe = `tail probe ${Date.now()}`;
    getLogger('com.example.TailProbe').info(probe);
    await suite.page.waitForFunction((text) => document.getElementById('tail')?.textContent?.includes(text), probe, { timeout: 15_000 });
    expect(await suite.page.locator('#tail').getAttribute('data-file')).to.equal(join(suite.demo.logDir, 'atlassian-jira.log'));
  });

  it('is usable on a 390-pixel-wide phone: the page body does not scroll sideways', async () => {
    await openAsAdmin();
    await suite.page.setViewportSize({ width: 390, height: 844 });
    await suite.page.reload();
    expect(await scrollsSideways(suite.page)).to.equal(false);
    expect(await suite.page.getByRole('button', { name: 'Add' }).isVisible()).to.equal(true);
  });

  it('is keyboard operable: tab to Package name, submit with Enter', async () => {
    await openAsAdmin();
    let steps = 0;
    while (await suite.page.evaluate(() => document.activeElement?.id) !== 'add-logger' && steps++ < 400) await suite.page.keyboard.press('Tab');
    expect(await suite.page.evaluate(() => document.activeElement?.id)).to.equal('add-logger');
    await suite.page.keyboard.type('com.example.keyboard');
    await Promise.all([suite.page.waitForURL(/\/admin\/logging$/), suite.page.keyboard.press('Enter')]);
    await suite.page.getByRole('status').waitFor();
    expect(await flash()).to.equal('com.example.keyboard is now at DEBUG until the next restart or reload.');
  });

  it('refuses a non-administrator (403) and changes nothing', async () => {
    await logIn(suite.page, suite.demo.consoleUrl, 'automation-user', 'automation');
    const reply = await suite.page.goto(`${suite.demo.consoleUrl}/logging`);
    expect(reply?.status()).to.equal(403);
    expect(await suite.page.getByRole('alert').textContent()).to.equal('Only administrators may open Logging & Profiling.');
    expect(await suite.page.getByRole('link', { name: 'Logging & Profiling' }).count()).to.equal(0);
  });

  describe('cross-site requests', () => {
    let foreign: Server;
    let foreignUrl: string;
    before(async () => {
      // Another site (localhost is not 127.0.0.1) with a form that posts to the console.
      foreign = createServer((_req, res) => {
        res.setHeader('Content-Type', 'text/html');
        res.end(`<!DOCTYPE html><form method="post" action="${suite.demo.consoleUrl}/logging/set-level">
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
      const before = readFileSync(suite.demo.configFile, 'utf8');
      const level = getLogger('com.atlassian.pats').level;
      await suite.page.goto(foreignUrl);
      const [reply] = await Promise.all([suite.page.waitForResponse(`${suite.demo.consoleUrl}/logging/set-level`), suite.page.getByRole('button', { name: 'Go' }).click()]);
      expect(reply.status()).to.equal(403);
      expect(getLogger('com.atlassian.pats').level).to.equal(level);
      expect(readFileSync(suite.demo.configFile, 'utf8')).to.equal(before);
    });

    it('refuses a post with the session and token but a foreign Origin, and a same-origin post without the token', async () => {
      await openAsAdmin();
      const csrf = await suite.page.locator('input[name="csrf"]').first().inputValue();
      const level = getLogger('com.atlassian.pats').level;
      const withToken = await suite.page.request.post(`${suite.demo.consoleUrl}/logging/set-level`, {
        form: { csrf, logger: 'com.atlassian.pats', level: 'OFF' }, headers: { Origin: 'http://evil.example' }, maxRedirects: 0,
      });
      expect(withToken.status()).to.equal(403);
      const status = await suite.page.evaluate(async (url) => {
        const body = new URLSearchParams({ logger: 'com.atlassian.pats', level: 'OFF' });
        return (await fetch(url, { method: 'POST', body, redirect: 'manual' })).status;
      }, `${suite.demo.consoleUrl}/logging/set-level`);
      expect(status).to.equal(403);
      expect(getLogger('com.atlassian.pats').level).to.equal(level);
    });
  });
});

describe('admin console: Logging & Profiling over HTTP', function () {
  this.timeout(20_000);
  const users = new InMemoryUserDirectory([{ name: 'admin', password: 'secret', groups: ['admins'] }]);
  let dir: string;
  let module: AuthModule;
  let server: Server;
  let client: ConsoleClient;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-console-logging-'));
    module = createAuthModule({
      flavour: 'jira', users, store: new MemoryTokenStore(), timeZone: 'UTC', permissions: new GroupPermissions({ adminGroups: ['admins'] }),
    });
    const handler = adminConsole({ auth: module, users, administratorGroups: ['admins'], basePath: '/admin', pages: [loggingAndProfilingPage] });
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new ConsoleClient((server.address() as AddressInfo).port);
    await client.logIn('/admin', 'admin', 'secret');
    await client.get('/admin/logging');
  });
  afterEach(async () => {
    await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
    await module.close();
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  const setLevel = (fields: Record<string, string>) => client.post('/admin/logging/set-level', { csrf: client.csrf, ...fields });

  const formats: Record<string, { file: string; text: string; expected: string }> = {
    properties: {
      file: 'log4j.properties',
      text: 'log4j.rootLogger=INFO\nlog4j.logger.com.atlassian.pats=INFO\nlog4j.logger.other=WARN\n',
      expected: 'log4j.rootLogger=INFO\nlog4j.logger.com.atlassian.pats=TRACE\nlog4j.logger.other=WARN\n',
    },
    YAML: {
      file: 'log4j.yaml',
      text: 'root: INFO\nloggers:\n  com.atlassian.pats: INFO\n  other: WARN\n',
      expected: 'root: INFO\nloggers:\n  com.atlassian.pats: TRACE\n  other: WARN\n',
    },
    'Log4j 2 XML': {
      file: 'log4j2.xml',
      text: '<Configuration>\n  <Loggers>\n    <Root level="INFO"/>\n    <Logger name="com.atlassian.pats" level="INFO"/>\n    <Logger name="other" level="WARN"/>\n  </Loggers>\n</Configuration>\n',
      expected: '<Configuration>\n  <Loggers>\n    <Root level="INFO"/>\n    <Logger name="com.atlassian.pats" level="TRACE"/>\n    <Logger name="other" level="WARN"/>\n  </Loggers>\n</Configuration>\n',
    },
    JSON: {
      file: 'log4j.json',
      text: '{\n  "root": "INFO",\n  "loggers": {\n    "com.atlassian.pats": "INFO",\n    "other": "WARN"\n  }\n}\n',
      expected: '{\n  "root": "INFO",\n  "loggers": {\n    "com.atlassian.pats": "TRACE",\n    "other": "WARN"\n  }\n}\n',
    },
    'Log4j 2 JSON': {
      file: 'log4j2.json',
      text: '{ "Configuration": { "Loggers": {\n  "Root": { "level": "INFO" },\n  "Logger": [ { "name": "other", "level": "WARN" } ]\n} } }\n',
      expected: '{ "Configuration": { "Loggers": {\n  "Root": { "level": "INFO" },\n  "Logger": [ { "name": "other", "level": "WARN" }, { "name": "com.atlassian.pats", "level": "TRACE" } ]\n} } }\n',
    },
    'logback XML': {
      file: 'logback.xml',
      text: '<configuration>\n  <logger name="com.atlassian.pats" level="INFO"/>\n  <logger name="other" level="WARN"/>\n  <root level="INFO"/>\n</configuration>\n',
      expected: '<configuration>\n  <logger name="com.atlassian.pats" level="TRACE"/>\n  <logger name="other" level="WARN"/>\n  <root level="INFO"/>\n</configuration>\n',
    },
  };
  for (const [format, { file, text, expected }] of Object.entries(formats)) {
    it(`persists a level into the ${format} file the configuration came from, changing only that logger`, async () => {
      const path = join(dir, file);
      writeFileSync(path, text);
      configure(path, { watch: false });
      const reply = await setLevel({ logger: 'com.atlassian.pats', level: 'TRACE', persist: 'on' });
      expect(reply.status, reply.body).to.equal(303);
      expect(readFileSync(path, 'utf8')).to.equal(expected);
      expect(getLogger('com.atlassian.pats').level).to.equal(Level.TRACE);
    });
  }

  it('refuses to persist without a configuration file (409), leaving the level as it was', async () => {
    configure({ root: 'INFO', loggers: { 'com.atlassian.pats': 'INFO' } });
    const reply = await setLevel({ logger: 'com.atlassian.pats', level: 'TRACE', persist: 'on' });
    expect(reply.status).to.equal(409);
    expect(reply.body).to.include('The level of com.atlassian.pats was not changed: Cannot persist');
    expect(getLogger('com.atlassian.pats').level).to.equal(Level.INFO);
  });

  it('refuses a bad package name, an unknown level and an inheriting root (400), naming what was wrong', async () => {
    const badName = await setLevel({ logger: 'com.example\nINFO forged', level: 'DEBUG' });
    expect(badName.status).to.equal(400);
    expect(badName.body).to.include('is not a package or class name');
    const badLevel = await setLevel({ logger: 'com.example', level: 'LOUD' });
    expect(badLevel.status).to.equal(400);
    expect(badLevel.body).to.include('&quot;LOUD&quot; is not a logging level.');
    expect((await setLevel({ logger: 'root', level: 'INHERIT' })).status).to.equal(400);
    expect((await setLevel({ logger: '', level: 'DEBUG' })).status).to.equal(400);
    expect(LogManager.exists('com.example')).to.equal(false);
  });

  it('lets a logger inherit again', async () => {
    getLogger('com.example').level = Level.ERROR;
    expect((await setLevel({ logger: 'com.example', level: 'INHERIT' })).status).to.equal(303);
    expect(getLogger('com.example').level).to.equal(null);
  });

  it('refuses a marker message with a line break (400) and writes nothing', async () => {
    const file = join(dir, 'app.log');
    getLogger().addAppender(new FileAppender({ name: 'app', file, layout: { format: (e) => `${e.message}\n` } }));
    const reply = await client.post('/admin/logging/mark', { csrf: client.csrf, message: 'one\n2026-01-01 INFO forged' });
    expect(reply.status).to.equal(400);
    expect(reply.body).to.include('The message must be one line.');
    await LogManager.resetConfiguration();
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').to.equal('');
  });

  it('answers the tail of a file appender as JSON, and 404 for an appender it does not have', async () => {
    const file = join(dir, 'app.log');
    const appender = new FileAppender({ name: 'app', file, layout: { format: (e) => `${e.message}\n` } });
    getLogger().addAppender(appender);
    getLogger().level = Level.INFO;
    for (let i = 0; i < 300; i++) getLogger('x').info(`line ${i}`);
    const tail = JSON.parse((await client.get('/admin/logging/tail?appender=app')).body);
    expect(tail.file).to.equal(file);
    expect(tail.lines).to.have.length(200);
    expect(tail.lines.at(-1)).to.equal('line 299');
    const missing = await client.get('/admin/logging/tail?appender=nope');
    expect(missing.status).to.equal(404);
    expect(JSON.parse(missing.body).message).to.equal('There is no file appender named "nope".');
  });

  it('still shows the page, saying why, when the chosen log file cannot be read (here a folder now stands at its path)', async () => {
    const file = join(dir, 'app.log');
    const appender = new FileAppender({ name: 'app', file, layout: { format: (e) => `${e.message}\n` } });
    getLogger().addAppender(appender);
    getLogger('x').info('written');
    await appender.flush();
    rmSync(file);
    mkdirSync(file);
    const page = await client.get('/admin/logging');
    expect(page.status).to.equal(200);
    expect(page.body).to.include('<h2 id="add-heading">Configure logging level for another package</h2>');
    expect(page.body).to.include('Cannot read the log: EISDIR');
  });
});
