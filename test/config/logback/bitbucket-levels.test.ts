import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configure, defaultConfigurator } from '../../../src/config/configure.js';
import { Level } from '../../../src/level.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';

const CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../conf');
const FAST = { debounceMs: 20, stabilityMs: 30, midLineSettleMs: 500 };

describe('bitbucket.properties levels on top of logback-spring.xml (configure levelsFrom)', () => {
  let dir: string;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-bitbucket-levels-'));
  });

  afterEach(async () => {
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies logging.logger.<name>=LEVEL (and ROOT) over the file, keeping appenders and additivity', () => {
    const properties = join(dir, 'bitbucket.properties');
    writeFileSync(properties, [
      '# Bitbucket settings: only the logging keys are read',
      'server.port=7990',
      'logging.logger.com.kantegasso.AuditLog=DEBUG',
      'logging.logger.com.atlassian.bitbucket.ssh=TRACE',
      'logging.logger.ROOT=ERROR',
      '',
    ].join('\n'));
    const handle = configure(join(CONF, 'logback-spring.xml'), { environment: { LOG_HOME: dir }, levelsFrom: properties });
    expect(handle.warnings).to.deep.equal([]);
    const audit = getLogger('com.kantegasso.AuditLog');
    expect([audit.level, audit.additivity, audit.appenders.map((a) => a.name)]).to.deep.equal([Level.DEBUG, false, ['bitbucket']]);
    expect(getLogger('com.atlassian.bitbucket.ssh').level).to.equal(Level.TRACE);
    expect(getLogger('com.atlassian.bitbucket').level).to.equal(Level.INFO);
    expect([getLogger().level, getLogger().appenders.map((a) => a.name)]).to.deep.equal([Level.ERROR, ['bitbucket', 'console']]);
  });

  it('applies them again on every reload of the watched file', async () => {
    const path = join(dir, 'logback-spring.xml');
    copyFileSync(join(CONF, 'logback-spring.xml'), path);
    const properties = join(dir, 'bitbucket.properties');
    writeFileSync(properties, 'logging.logger.com.atlassian.pats=DEBUG\n');
    const handle = configure(path, { watch: true, watchOptions: FAST, environment: { LOG_HOME: dir }, levelsFrom: properties });
    await handle.watching;
    getLogger('com.atlassian.pats').level = Level.OFF;
    writeFileSync(path, `${readFileSync(join(CONF, 'logback-spring.xml'), 'utf8')}<!-- edited -->\n`);
    const start = Date.now();
    while (getLogger('com.atlassian.pats').level !== Level.DEBUG) {
      if (Date.now() - start > 3000) throw new Error('the reload did not apply bitbucket.properties');
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it('refuses a bad level naming bitbucket.properties, line and key', () => {
    const properties = join(dir, 'bitbucket.properties');
    writeFileSync(properties, 'server.port=7990\nlogging.logger.com.atlassian=LOUD\n');
    expect(() => configure(join(CONF, 'logback-spring.xml'), { environment: { LOG_HOME: dir }, levelsFrom: properties }))
      .to.throw(/bitbucket\.properties:2: logging\.logger\.com\.atlassian: unknown level "LOUD"/);
  });
});
