import { expect } from 'chai';
import { parseByteSize } from '../../../appenders/file/byte-size.js';
import { toBufferEncoding } from '../../../appenders/file/file-encoding.js';
import { toBoolean, toFileMode, toNonNegativeInteger } from '../../../appenders/file/option-values.js';

describe('file appender option values', () => {
  it('parses sizes as log4j does: plain bytes and KB/MB/GB in powers of 1024, any case', () => {
    expect(parseByteSize('20480KB', 'MaxFileSize')).to.equal(20480 * 1024);
    expect(parseByteSize('10MB', 'MaxFileSize')).to.equal(10 * 1024 * 1024);
    expect(parseByteSize('1gb', 'MaxFileSize')).to.equal(1024 ** 3);
    expect(parseByteSize(' 500 ', 'MaxFileSize')).to.equal(500);
    expect(parseByteSize('10M', 'MaxFileSize')).to.equal(10 * 1024 * 1024);
    expect(parseByteSize(4096, 'MaxFileSize')).to.equal(4096);
    expect(() => parseByteSize('ten MB', 'MaxFileSize')).to.throw(/MaxFileSize: "ten MB" is not a size/);
    expect(() => parseByteSize('0', 'MaxFileSize')).to.throw(/MaxFileSize: expected a positive size/);
    expect(() => parseByteSize(-1, 'BufferSize')).to.throw(/BufferSize: expected a positive size/);
  });

  it('maps Java charset names and rejects unknown ones', () => {
    expect(toBufferEncoding(undefined)).to.equal('utf8');
    expect(toBufferEncoding('UTF-8')).to.equal('utf8');
    expect(toBufferEncoding('ISO-8859-1')).to.equal('latin1');
    expect(toBufferEncoding('US-ASCII')).to.equal('latin1');
    expect(() => toBufferEncoding('KOI8-R')).to.throw(/unsupported encoding "KOI8-R"/);
  });

  it('reads booleans, counts and file modes from code or configuration text', () => {
    expect(toBoolean('TRUE', 'Append', false)).to.equal(true);
    expect(toBoolean(undefined, 'Append', true)).to.equal(true);
    expect(() => toBoolean('yes', 'Append', true)).to.throw(/Append: expected true or false, got "yes"/);
    expect(toNonNegativeInteger('5', 'MaxBackupIndex', 1)).to.equal(5);
    expect(() => toNonNegativeInteger('-2', 'MaxBackupIndex', 1)).to.throw(/MaxBackupIndex: expected a whole number/);
    expect(toFileMode('0640', 'Mode', 0o644)).to.equal(0o640);
    expect(toFileMode(0o600, 'Mode', 0o644)).to.equal(0o600);
    expect(() => toFileMode('rw-r-----', 'Mode', 0o644)).to.throw(/Mode: expected permission bits/);
  });
});
