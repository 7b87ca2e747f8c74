import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonLoggerLevel } from '../../../src/config/json/json-logger-level-file.js';
import { Level } from '../../../src/level.js';

describe('writeJsonLoggerLevel', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logwarden-json-level-'));
    file = join(dir, 'log4j.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the file atomically, keeping its mode, and only when the text changes', () => {
    writeFileSync(file, '{"root": "INFO"}\n');
    chmodSync(file, 0o640);
    expect(writeJsonLoggerLevel(file, 'root', Level.INFO)).to.deep.equal({ before: '{"root": "INFO"}\n', after: '{"root": "INFO"}\n' });
    writeJsonLoggerLevel(file, 'root', Level.ERROR);
    expect(readFileSync(file, 'utf8')).to.equal('{"root": "ERROR"}\n');
    expect(statSync(file).mode & 0o777).to.equal(0o640);
    expect(readdirSync(dir)).to.deep.equal(['log4j.json']);
  });

  it('writes nothing when the file cannot take the level', () => {
    writeFileSync(file, '{"loggers": [1]}\n');
    expect(() => writeJsonLoggerLevel(file, 'a', Level.INFO)).to.throw(`Cannot write the level of "a" into ${file}: "loggers" on line 1 is not an object`);
    expect(readFileSync(file, 'utf8')).to.equal('{"loggers": [1]}\n');
    expect(readdirSync(dir)).to.deep.equal(['log4j.json']);
  });
});
