import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configure } from '../../src/config/configure.js';
import { getLogger, LogManager } from '../../src/log-manager.js';
import { Level } from '../../src/level.js';
import { MDC } from '../../src/context/mdc.js';
import { ThreadName } from '../../src/context/thread-name.js';
import type { AppenderSkeleton } from '../../appenders/appender-skeleton.js';

const CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../conf');

const JIRA_MDC = {
  'jira.username': 'admin',
  'jira.request.id': '920x447x1',
  'jira.request.assession.id': '-',
  'jira.request.ipaddr': '87.173.216.109,100.120.0.11',
  'jira.request.url': '/rest/de.resolution.apitokenauth/latest/user/token',
};

describe('conf/ configuration files', () => {
  let dir: string;
  const savedHome = process.env.LOG_HOME;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-conf-'));
    process.env.LOG_HOME = dir;
  });

  afterEach(async () => {
    if (savedHome === undefined) delete process.env.LOG_HOME;
    else process.env.LOG_HOME = savedHome;
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  const silenceConsole = (): void => {
    const console = getLogger().getAppender('console') as AppenderSkeleton | undefined;
    if (console) console.threshold = Level.OFF;
  };

  for (const name of ['jira.properties', 'confluence.properties', 'bitbucket.yaml', 'demo.properties']) {
    it(`${name} loads without a warning`, () => {
      const handle = configure(join(CONF, name), { environment: { LOG_DIR: dir } });
      expect(handle.warnings).to.deep.equal([]);
      expect(getLogger().appenders.length).to.be.greaterThan(0);
    });
  }

  it('jira.properties: security loggers go to the security log only, the token service to the main log', async () => {
    configure(join(CONF, 'jira.properties'));
    silenceConsole();
    await ThreadName.run('http-nio-8080-exec-11', () => MDC.run(JIRA_MDC, () => {
      getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService').info('Found a matching token');
      getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService').debug('not at INFO');
      getLogger('com.atlassian.jira.login.LoginLoggers').info('login of admin');
      getLogger('com.atlassian.seraph.filter.BaseLoginFilter').warn('seraph says');
      getLogger('com.kantegasso.AuditLog').info("The user 'johndoe' has PASSED authentication using Kerberos");
      getLogger('com.atlassian.jira.SomeService').info('jira info');
    }));
    await LogManager.resetConfiguration();
    const main = readFileSync(join(dir, 'atlassian-jira.log'), 'utf8');
    const security = readFileSync(join(dir, 'atlassian-jira-security.log'), 'utf8');
    expect(main.split('\n').filter(Boolean)).to.have.length(2);
    expect(main).to.match(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}[+-]\d{4} http-nio-8080-exec-11 INFO admin 920x447x1 - 87\.173\.216\.109,100\.120\.0\.11 \/rest\/de\.resolution\.apitokenauth\/latest\/user\/token \[d\.resolution\.apitokenauth\.ApiTokenAuthenticationService\] Found a matching token\n/);
    expect(main).to.contain('[c.atlassian.jira.SomeService] jira info');
    expect(security.split('\n').filter(Boolean).map((line) => line.replace(/^.*\/token /, ''))).to.deep.equal([
      'login of admin',
      'seraph says',
      "The user 'johndoe' has PASSED authentication using Kerberos",
    ]);
  });

  it('bitbucket.yaml: diagnostics as JSON lines in their own file', async () => {
    configure(join(CONF, 'bitbucket.yaml'));
    silenceConsole();
    MDC.run({ context: 'Kerberos' }, () => getLogger('com.kantegasso.DiagnosticsLog').info('ticket rejected'));
    getLogger('de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase').info('Found a matching token');
    await LogManager.resetConfiguration();
    const diagnostics = JSON.parse(readFileSync(join(dir, 'kantega-diagnostics.log'), 'utf8').trim());
    expect(diagnostics).to.include({ context: 'Kerberos', message: 'ticket rejected' });
    expect(readFileSync(join(dir, 'atlassian-bitbucket.log'), 'utf8')).to.match(/ INFO \[main\] .*d\.r\.a\.p\.auth\.ApiTokenAuthSharedBase Found a matching token\n$/);
  });

  it('jira.properties filters the frames of the jira-filtered-frames.properties beside it, whatever the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(configure(join(CONF, 'jira.properties')).warnings).to.deep.equal([]);
    } finally {
      process.chdir(cwd);
    }
    silenceConsole();
    const error = new Error('boom');
    error.stack = ['Error: boom', ...[1, 2, 3, 4, 5].map((n) => `    at app${n} (/srv/app/a.js:${n}:1)`),
      '    at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at main (/srv/app/main.js:9:1)'].join('\n');
    getLogger('com.atlassian.jira.SomeService').error('failed', error);
    await LogManager.resetConfiguration();
    const main = readFileSync(join(dir, 'atlassian-jira.log'), 'utf8');
    expect(main).to.match(/\[c\.atlassian\.jira\.SomeService\] failed\n    Error: boom\n(        at app\d \(\/srv\/app\/a\.js:\d:1\)\n){5}        \.\.\. 2 filtered\n        at main \(\/srv\/app\/main\.js:9:1\)\n$/);
  });
});
