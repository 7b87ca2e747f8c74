import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { Hierarchy } from '../../../../src/hierarchy.js';
import { Configurator } from '../../../../src/config/configurator.js';
import { FileAppender } from '../../../../appenders/file-appender.js';
import '../../../../appenders/registry.js';
import { removeDir, tempDir } from '../fixtures.js';

describe('DisableClustering in configuration files', () => {
  let dir: string;
  let hierarchy: Hierarchy;
  beforeEach(() => {
    dir = tempDir('cluster-config');
    hierarchy = new Hierarchy();
  });
  afterEach(async () => {
    await hierarchy.resetConfiguration();
    removeDir(dir);
  });

  it('is read in any case by every file appender kind, false by default, and a bad value names the option', () => {
    const file = path.join(dir, 'log4j.properties');
    fs.writeFileSync(file, [
      'log4j.rootLogger=INFO, F, R, D, P',
      'log4j.appender.F=org.apache.log4j.FileAppender',
      `log4j.appender.F.File=${dir}/f.log`,
      'log4j.appender.F.DisableClustering=true',
      'log4j.appender.F.layout=simple',
      'log4j.appender.R=org.apache.log4j.RollingFileAppender',
      `log4j.appender.R.File=${dir}/r.log`,
      'log4j.appender.R.disableclustering=TRUE',
      'log4j.appender.R.layout=simple',
      'log4j.appender.D=org.apache.log4j.DailyRollingFileAppender',
      `log4j.appender.D.File=${dir}/d.log`,
      'log4j.appender.D.DISABLECLUSTERING=true',
      'log4j.appender.D.layout=simple',
      'log4j.appender.P=org.apache.log4j.FileAppender',
      `log4j.appender.P.File=${dir}/p.log`,
      'log4j.appender.P.layout=simple',
    ].join('\n'));
    new Configurator(hierarchy).configure(file);
    const flags = hierarchy.root.appenders.map((appender) => (appender as FileAppender).disableClustering);
    expect(flags).to.deep.equal([true, true, true, false]);
    expect(() => new FileAppender({ file: path.join(dir, 'x.log'), disableClustering: 'sometimes' }))
      .to.throw('option DisableClustering: expected true or false, got "sometimes"');
  });
});
