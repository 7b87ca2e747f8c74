import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfiguration } from '../../src/config/build.js';
import { parseConfigText } from '../../src/config/load.js';
import { Level } from '../../src/level.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('README XML examples', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const examples = [...readme.matchAll(/```xml\n([\s\S]*?)```/g)].map((match) => match[1]!);

  let dir: string;
  const savedHome = process.env.LOG_HOME;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logwarden-readme-xml-'));
    process.env.LOG_HOME = dir;
  });

  afterEach(() => {
    if (savedHome === undefined) delete process.env.LOG_HOME;
    else process.env.LOG_HOME = savedHome;
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a Log4j 2 and a logback example, and both load and build without a warning', async () => {
    expect(examples).to.have.length(2);
    const variables = { environment: { LOG_DIR: dir, LOG_HOME: dir }, supplied: {} };
    const [log4j2, logback] = examples.map((text, i) => parseConfigText(text, join(dir, i === 0 ? 'log4j2.xml' : 'logback.xml'), 'xml', variables));
    for (const model of [log4j2!, logback!]) {
      const built = buildConfiguration(model);
      await Promise.all(built.created.map((appender) => appender.close?.()));
      expect(built.warnings).to.deep.equal([]);
      expect(model.watch).to.equal(true);
      const audit = model.loggers.find((logger) => logger.name === 'com.kantegasso.AuditLog')!;
      expect([audit.level, audit.additivity]).to.deep.equal([Level.INFO, false]);
    }
    expect(log4j2!.loggers.find((l) => l.name === 'com.kantegasso.AuditLog')!.appenderRefs).to.deep.equal(['daily']);
    expect(log4j2!.appenders.get('daily')!.className).to.equal('org.apache.log4j.DailyRollingFileAppender');
    expect(logback!.appenders.get('bitbucket')!.className).to.equal('org.apache.log4j.RollingFileAppender');
  });
});
