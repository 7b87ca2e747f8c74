import { expect } from 'chai';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JiraHomeAppender } from '../../appenders/home-log-appender.js';
import type { AppenderSkeleton } from '../../appenders/appender-skeleton.js';
import { configure } from '../../src/config/configure.js';
import { defaultHierarchy, getLogger, LogManager } from '../../src/log-manager.js';
import { Level } from '../../src/level.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** A log4j.properties in the shape of the one Jira 7.13 ships (see its header). */
const JIRA_PROPERTIES = join(REPO, 'test/fixtures/jira/log4j.properties');
/** The frames file this project ships beside conf/jira.properties. */
const FRAMES = join(REPO, 'conf/jira-filtered-frames.properties');

/** A V8 stack as a Jira-like Node application would throw it inside an Express route. */
function actionError(): Error {
  const error = new Error('Cannot save the application properties');
  error.stack = [
    'Error: Cannot save the application properties',
    '    at EditApplicationProperties.doExecute (/opt/jira/app/admin/edit-application-properties.js:42:11)',
    '    at EditApplicationProperties.execute (/opt/jira/app/action-support.js:63:19)',
    '    at dispatch (/opt/jira/app/dispatcher.js:225:20)',
    '    at Layer.handle [as handle_request] (/opt/jira/node_modules/express/lib/router/layer.js:95:5)',
    '    at next (/opt/jira/node_modules/express/lib/router/route.js:149:13)',
    '    at Route.dispatch (/opt/jira/node_modules/express/lib/router/route.js:119:3)',
    '    at Layer.handle [as handle_request] (/opt/jira/node_modules/express/lib/router/layer.js:95:5)',
    '    at /opt/jira/node_modules/express/lib/router/index.js:284:15',
    '    at xsrfCheck (/opt/jira/app/filters/xsrf.js:31:7)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at async handleRequest (/opt/jira/app/server.js:88:5)',
  ].join('\n');
  const cause = new Error('ENOSPC: no space left on device');
  cause.stack = [
    'Error: ENOSPC: no space left on device',
    '    at writeProperties (/opt/jira/app/store.js:12:9)',
    '    at async open (node:internal/fs/promises:639:25)',
  ].join('\n');
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

describe("a Jira-shaped log4j.properties, loaded from Jira's classes folder while the process runs elsewhere", () => {
  let root: string;
  let classes: string;
  let home: string;
  let bin: string;
  const savedHome = process.env.LOG_HOME;
  const savedCwd = process.cwd();

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    root = mkdtempSync(join(tmpdir(), 'logwarden-jira-'));
    classes = join(root, 'atlassian-jira', 'WEB-INF', 'classes');
    home = join(root, 'jira-home', 'log');
    bin = join(root, 'bin');
    for (const dir of [classes, home, bin]) mkdirSync(dir, { recursive: true });
    copyFileSync(JIRA_PROPERTIES, join(classes, 'log4j.properties'));
    copyFileSync(FRAMES, join(classes, 'jira-filtered-frames.properties'));
    process.env.LOG_HOME = home;
    // Tomcat starts Jira from its bin folder: the frames file is not in the working directory.
    process.chdir(bin);
  });

  afterEach(async () => {
    process.chdir(savedCwd);
    if (savedHome === undefined) delete process.env.LOG_HOME;
    else process.env.LOG_HOME = savedHome;
    await LogManager.resetConfiguration();
    rmSync(root, { recursive: true, force: true });
  });

  const silenceConsoles = (): void => {
    for (const appender of defaultHierarchy.allAppenders()) {
      if (appender.name === 'console' || appender.name === 'nowarnconsole') (appender as AppenderSkeleton).threshold = Level.OFF;
    }
  };

  it('loads unmodified, without a warning, with its thirteen home appenders in LOG_HOME', () => {
    const handle = configure(join(classes, 'log4j.properties'));
    expect(handle.warnings).to.deep.equal([]);
    const homeAppenders = [...new Set(defaultHierarchy.allAppenders())].filter((a): a is JiraHomeAppender => a instanceof JiraHomeAppender);
    expect(homeAppenders.map((a) => a.name).sort()).to.deep.equal([
      'apdexlog', 'filelog', 'httpaccesslog', 'httpdumplog', 'incomingmaillog', 'outgoingmaillog', 'querydsllog',
      'securitylog', 'slowquerylog', 'soapaccesslog', 'soapdumplog', 'sqllog', 'xsrflog',
    ]);
    for (const appender of homeAppenders) expect(appender.file.startsWith(home + sep), appender.name).to.equal(true);
  });

  it('an ERROR with a stack through filelog: the frames of jira-filtered-frames.properties collapse into "... N filtered" lines', async () => {
    configure(join(classes, 'log4j.properties'));
    silenceConsoles();
    getLogger('com.atlassian.jira.web.action.admin.EditApplicationProperties').error('Cannot save the application properties', actionError());
    await LogManager.resetConfiguration();
    const lines = readFileSync(join(home, 'atlassian-jira.log'), 'utf8').split('\n');
    expect(lines[0]).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}[+-]\d{4} main ERROR {6}\[c\.a\.j\.w\.action\.admin\.EditApplicationProperties\] Cannot save the application properties$/);
    expect(lines.slice(1)).to.deep.equal([
      '    Error: Cannot save the application properties',
      // MinimumLines=6: the first six lines stay whole, framework frames included.
      '        at EditApplicationProperties.doExecute (/opt/jira/app/admin/edit-application-properties.js:42:11)',
      '        at EditApplicationProperties.execute (/opt/jira/app/action-support.js:63:19)',
      '        at dispatch (/opt/jira/app/dispatcher.js:225:20)',
      '        at Layer.handle [as handle_request] (/opt/jira/node_modules/express/lib/router/layer.js:95:5)',
      '        at next (/opt/jira/node_modules/express/lib/router/route.js:149:13)',
      '        ... 3 filtered',
      '        at xsrfCheck (/opt/jira/app/filters/xsrf.js:31:7)',
      '        ... 1 filtered',
      '        at async handleRequest (/opt/jira/app/server.js:88:5)',
      // Each Caused by: section keeps its first MinimumLines lines too.
      '    Caused by: Error: ENOSPC: no space left on device',
      '        at writeProperties (/opt/jira/app/store.js:12:9)',
      '        at async open (node:internal/fs/promises:639:25)',
      '',
    ]);
  });

  it('the security loggers write to the security log only (additivity false)', async () => {
    configure(join(classes, 'log4j.properties'));
    silenceConsoles();
    getLogger('com.atlassian.jira.login.LoginLoggers').info('login of admin');
    getLogger('com.atlassian.seraph.filter.BaseLoginFilter').warn('seraph says');
    getLogger('com.atlassian.jira.web.session.currentusers.JiraUserSessionTracker').info('session of admin');
    getLogger('com.atlassian.jira.SomeService').warn('main log');
    await LogManager.resetConfiguration();
    const security = readFileSync(join(home, 'atlassian-jira-security.log'), 'utf8');
    const main = readFileSync(join(home, 'atlassian-jira.log'), 'utf8');
    expect(security.split('\n').filter(Boolean).map((line) => line.replace(/^\S+ \S+ main {6}/, ''))).to.deep.equal(['login of admin', 'seraph says', 'session of admin']);
    expect(main.split('\n').filter(Boolean)).to.have.length(1);
    expect(main).to.contain('[c.atlassian.jira.SomeService] main log');
  });

  it('finds the frames file in the working directory when it is not beside the file; a missing one is a warning naming file, line and key', async () => {
    renameSync(join(classes, 'jira-filtered-frames.properties'), join(bin, 'jira-filtered-frames.properties'));
    expect(configure(join(classes, 'log4j.properties')).warnings).to.deep.equal([]);
    silenceConsoles();
    getLogger('com.atlassian.jira.web.action.admin.EditApplicationProperties').error('Cannot save the application properties', actionError());
    await LogManager.resetConfiguration();
    expect(readFileSync(join(home, 'atlassian-jira.log'), 'utf8')).to.contain('        ... 3 filtered\n');

    rmSync(join(bin, 'jira-filtered-frames.properties'));
    const handle = configure(join(classes, 'log4j.properties'));
    const file = join(classes, 'log4j.properties');
    const text = readFileSync(file, 'utf8').split('\n');
    const lineOf = (key: string): number => text.findIndex((line) => line.startsWith(`${key}=`)) + 1;
    expect(handle.warnings).to.have.length(3);
    for (const appender of ['console', 'nowarnconsole', 'filelog']) {
      const key = `log4j.appender.${appender}.layout.FilteredFrames`;
      expect(handle.warnings).to.include(
        `${file}:${lineOf(key)}: ${key}: layout of appender "${appender}": cannot find the filtered frames file "jira-filtered-frames.properties" ` +
          `(looked for ${join(classes, 'jira-filtered-frames.properties')} and ${join(bin, 'jira-filtered-frames.properties')}); its frames are not filtered`,
      );
    }
  });

  it('a pattern log4j prints anyway loads, printed as log4j prints it, with one warning naming file, line and key', async () => {
    const file = join(classes, 'log4j.properties');
    const key = 'log4j.appender.filelog.layout.ConversionPattern';
    const text = readFileSync(file, 'utf8').replace(`${key}=%d{yyyy-MM-dd HH:mm:ss,SSSZ}`, `${key}=%bogus %d{yyyy-MM-dd HH:mm:ss,SSSZ}`);
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.startsWith(`${key}=`)) + 1;
    const handle = configure(file);
    expect(handle.warnings).to.have.length(1);
    expect(handle.warnings[0]).to.match(new RegExp(`^${escape(file)}:${line}: ${escape(key)}: layout of appender "filelog": pattern "%bogus %d\\{[^"]*": unknown conversion "%bogus" at position 0, printed as written as log4j does$`));
    silenceConsoles();
    getLogger('com.atlassian.jira.SomeService').warn('still logging');
    await LogManager.resetConfiguration();
    expect(readFileSync(join(home, 'atlassian-jira.log'), 'utf8')).to.match(/^%bogus \d{4}-.* \[c\.atlassian\.jira\.SomeService\] still logging\n$/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
