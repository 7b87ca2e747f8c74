import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { readFileTail } from '../../../appenders/file/file-tail.js';
import { removeDir, tempDir } from './fixtures.js';

describe('readFileTail', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('tail');
  });
  afterEach(() => removeDir(dir));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('answers the last lines of a file, without the final line break', async () => {
    const file = write('app.log', Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
    expect(await readFileTail(file, { lines: 3 })).to.deep.equal(['line 7', 'line 8', 'line 9']);
    expect(await readFileTail(file, { lines: 100 })).to.have.length(10);
  });

  it('keeps a last line that has no line break yet, and reads CRLF lines', async () => {
    expect(await readFileTail(write('a.log', 'one\r\ntwo\r\nthree'), { lines: 2 })).to.deep.equal(['two', 'three']);
  });

  it('reads only the last maxBytes, leaving out the line the window cuts', async () => {
    const file = write('big.log', Array.from({ length: 100_000 }, (_, i) => `line ${String(i).padStart(6, '0')}\n`).join(''));
    // 12 bytes a line: a 30-byte window holds the last two lines whole and the end of a third.
    expect(await readFileTail(file, { lines: 10, maxBytes: 30 })).to.deep.equal(['line 099998', 'line 099999']);
  });

  it('answers the end of a line longer than the window, cut', async () => {
    const file = write('long.log', `${'x'.repeat(1000)}END\n`);
    expect(await readFileTail(file, { maxBytes: 10 })).to.deep.equal(['xxxxxxEND']);
  });

  it('answers no lines for an empty or missing file', async () => {
    expect(await readFileTail(write('empty.log', ''))).to.deep.equal([]);
    expect(await readFileTail(path.join(dir, 'missing.log'))).to.deep.equal([]);
  });

  it('refuses a count or window that is not a positive integer, naming it', async () => {
    const file = write('x.log', 'x\n');
    for (const [options, named] of [[{ lines: 0 }, 'lines'], [{ maxBytes: -1 }, 'maxBytes'], [{ lines: 1.5 }, 'lines']] as const) {
      let caught: unknown;
      try {
        await readFileTail(file, options);
      } catch (error) {
        caught = error;
      }
      expect(String(caught)).to.include(named);
    }
  });
});
