import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAppenderType } from '../../appenders/registry.js';
import { Hierarchy } from '../../src/hierarchy.js';
import { Configurator } from '../../src/config/configurator.js';
import { InternalLog } from '../../src/internal-log.js';
import { ConsoleAppender } from '../../appenders/console-appender.js';
import { FileAppender } from '../../appenders/file-appender.js';
import { RollingFileAppender } from '../../appenders/rolling-file-appender.js';
import { DailyRollingFileAppender } from '../../appenders/daily-rolling-file-appender.js';
import { JiraHomeAppender, ConfluenceHomeLogAppender } from '../../appenders/home-log-appender.js';
import { NullAppender } from '../../appenders/null-appender.js';

describe('appender registry (log4j, Atlassian and short names)', () => {
  it('knows the log4j and Atlassian class names and the short names', () => {
    const names: [string, string][] = [
      ['org.apache.log4j.ConsoleAppender', 'ConsoleAppender'],
      ['org.apache.log4j.FileAppender', 'FileAppender'],
      ['org.apache.log4j.RollingFileAppender', 'RollingFileAppender'],
      ['org.apache.log4j.DailyRollingFileAppender', 'DailyRollingFileAppender'],
      ['org.apache.log4j.varia.NullAppender', 'NullAppender'],
      ['com.atlassian.jira.logging.JiraHomeAppender', 'JiraHomeAppender'],
      ['com.atlassian.confluence.logging.ConfluenceHomeLogAppender', 'ConfluenceHomeLogAppender'],
      ['console', 'ConsoleAppender'],
      ['file', 'FileAppender'],
      ['rollingFile', 'RollingFileAppender'],
      ['ROLLINGFILE', 'RollingFileAppender'],
      ['dailyRollingFile', 'DailyRollingFileAppender'],
    ];
    for (const [name, expected] of names) {
      expect(findAppenderType(name)?.className.split('.').pop(), name).to.equal(expected);
    }
    expect(findAppenderType('org.apache.log4j.consoleappender')).to.equal(undefined);
  });

  describe('building file appenders from a properties file', () => {
    let dir: string;
    let hierarchy: Hierarchy;
    let configurator: Configurator;
    let previousSink: ReturnType<typeof InternalLog.setSink>;
    const warnings: string[] = [];

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'logwarden-registry-'));
      hierarchy = new Hierarchy();
      configurator = new Configurator(hierarchy);
      previousSink = InternalLog.setSink((line) => warnings.push(line));
    });

    afterEach(async () => {
      InternalLog.setSink(previousSink);
      await hierarchy.resetConfiguration();
      rmSync(dir, { recursive: true, force: true });
    });

    it('maps options case-insensitively onto every appender kind', async () => {
      const path = join(dir, 'l.properties');
      writeFileSync(path, [
        'log4j.rootLogger=INFO, C, F, R, D, J, CF, N',
        'log4j.appender.C=org.apache.log4j.ConsoleAppender',
        'log4j.appender.C.target=System.err',
        'log4j.appender.C.Threshold=OFF',
        'log4j.appender.C.layout=simple',
        `log4j.appender.F=file`,
        `log4j.appender.F.File=${dir}/f.log`,
        'log4j.appender.F.APPEND=false',
        'log4j.appender.F.layout=simple',
        'log4j.appender.R=org.apache.log4j.RollingFileAppender',
        `log4j.appender.R.File=${dir}/r.log`,
        'log4j.appender.R.MaxFileSize=10KB',
        'log4j.appender.R.maxbackupindex=3',
        'log4j.appender.R.layout=simple',
        'log4j.appender.D=org.apache.log4j.DailyRollingFileAppender',
        `log4j.appender.D.File=${dir}/d.log`,
        "log4j.appender.D.DatePattern='.'yyyy-MM-dd",
        'log4j.appender.D.layout=simple',
        'log4j.appender.J=com.atlassian.jira.logging.JiraHomeAppender',
        `log4j.appender.J.LogHome=${dir}/jira-home/log`,
        'log4j.appender.J.layout=simple',
        'log4j.appender.CF=com.atlassian.confluence.logging.ConfluenceHomeLogAppender',
        `log4j.appender.CF.logHome=${dir}/confluence-home/logs`,
        'log4j.appender.CF.MaximumFileSize=20480KB',
        'log4j.appender.CF.layout=simple',
        'log4j.appender.N=org.apache.log4j.varia.NullAppender',
      ].join('\n'));
      configurator.configure(path);
      const [c, f, r, d, j, cf, n] = hierarchy.root.appenders;
      expect(c).to.be.instanceOf(ConsoleAppender);
      expect((c as ConsoleAppender).target).to.equal('System.err');
      expect(f).to.be.instanceOf(FileAppender);
      expect((r as RollingFileAppender).maxFileSize).to.equal(10 * 1024);
      expect((r as RollingFileAppender).maxBackupIndex).to.equal(3);
      expect((d as DailyRollingFileAppender).datePattern).to.equal("'.'yyyy-MM-dd");
      expect((j as JiraHomeAppender).file).to.equal(join(dir, 'jira-home/log/atlassian-jira.log'));
      expect(cf).to.be.instanceOf(ConfluenceHomeLogAppender);
      expect((cf as ConfluenceHomeLogAppender).maxFileSize).to.equal(20480 * 1024);
      expect(n).to.be.instanceOf(NullAppender);
      hierarchy.getLogger('x').info('to every file');
      await hierarchy.shutdown();
      expect(existsSync(join(dir, 'jira-home/log/atlassian-jira.log'))).to.equal(true);
      expect(warnings.filter((w) => w.includes('l.properties'))).to.deep.equal([]);
    });

    it('names the appender and line when an appender cannot be created', () => {
      const path = join(dir, 'l.properties');
      writeFileSync(path, 'log4j.rootLogger=INFO, F\nlog4j.appender.F=file\nlog4j.appender.F.layout=simple\n');
      expect(() => configurator.configure(path)).to.throw(/l\.properties:2: log4j\.appender\.F: cannot create appender "F" \(file\): .*File is required/);
    });
  });
});
