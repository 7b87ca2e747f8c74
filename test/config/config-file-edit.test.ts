import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import { writePropertiesLevel } from '../../src/config/log4j2/log4j2-properties-level.js';
import { Level } from '../../src/level.js';

// editConfigFile as every level editor uses it, here through a log4j 1.2 .properties file.
describe('config/editConfigFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'level-file-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces only the level token in the file and answers the text before and after', () => {
    const file = path.join(dir, 'log4j.properties');
    const before = 'log4j.rootLogger=INFO, A\r\n# keep me\r\nlog4j.logger.x =  WARN , A\r\n';
    fs.writeFileSync(file, before);
    const result = writePropertiesLevel(file, 'x', Level.TRACE);
    expect(result).to.deep.equal({ before, after: 'log4j.rootLogger=INFO, A\r\n# keep me\r\nlog4j.logger.x =  TRACE , A\r\n' });
    expect(fs.readFileSync(file, 'utf8')).to.equal(result.after);
  });

  it('does not touch the file when the level is already there', () => {
    const file = path.join(dir, 'log4j.properties');
    fs.writeFileSync(file, 'log4j.rootLogger=INFO\n');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    const before = fs.statSync(file);
    writePropertiesLevel(file, 'root', Level.INFO);
    const after = fs.statSync(file);
    expect([after.ino, after.mtimeMs]).to.deep.equal([before.ino, before.mtimeMs]);
  });

  it('an unreadable file is a ConfigurationError naming it', () => {
    expect(() => writePropertiesLevel(path.join(dir, 'missing.properties'), 'x', Level.DEBUG)).to.throw(ConfigurationError, /missing\.properties: cannot read the configuration file \(ENOENT\)/);
  });
});
