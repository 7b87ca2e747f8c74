import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { MAX_LINE_CHARS, scanLines } from '../../src/token-report/line-scanner.js';

async function linesOf(file: string): Promise<{ lines: string[]; result: Awaited<ReturnType<typeof scanLines>> }> {
  const lines: string[] = [];
  const result = await scanLines(file, (line) => lines.push(line));
  return { lines, result };
}

describe('token-report/line-scanner', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes on exactly the lines holding the marker, whole, in order, without CR, the last one without a line break too', async () => {
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'one\nGot tokenId: [1]\r\ntwo\nTokenDTO here\nlast token');
    const { lines, result } = await linesOf(file);
    expect(lines).to.deep.equal(['Got tokenId: [1]', 'TokenDTO here', 'last token']);
    expect(result).to.deep.equal({ bytes: fs.statSync(file).size, overlongLines: 0 });
  });

  it('finds lines that straddle chunk boundaries (1 MiB chunks) and multi-byte characters cut by them', async () => {
    const file = path.join(dir, 'big.log');
    const filler = 'é'.repeat(100) + '\n';
    const parts: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      parts.push(filler);
      if (i % 1000 === 999) {
        const line = `token ${i} ü`;
        parts.push(line + '\n');
        expected.push(line);
      }
    }
    fs.writeFileSync(file, parts.join(''));
    expect(fs.statSync(file).size).to.be.greaterThan(3 * 1024 * 1024);
    expect((await linesOf(file)).lines).to.deep.equal(expected);
  });

  it('reads a .gz file through gunzip', async () => {
    const file = path.join(dir, 'a.log.1.gz');
    fs.writeFileSync(file, gzipSync('x\nthe token line\ny\n'));
    expect((await linesOf(file)).lines).to.deep.equal(['the token line']);
  });

  it('keeps what a gzip cut short held and says so', async () => {
    const whole = gzipSync(Array.from({ length: 2000 }, (_, i) => `token ${i}`).join('\n') + '\n');
    const file = path.join(dir, 'cut.log.2.gz');
    fs.writeFileSync(file, whole.subarray(0, whole.length - 20));
    const { lines, result } = await linesOf(file);
    expect(lines.length).to.be.greaterThan(1000);
    expect(result.problem).to.match(/^Z_BUF_ERROR/);
  });

  it('skips a line longer than the limit without holding it, and counts it; the lines around it still come', async () => {
    const file = path.join(dir, 'long.log');
    fs.writeFileSync(file, 'token before\n' + 'token'.repeat(MAX_LINE_CHARS) + '\n' + 'x'.repeat(3 * 1024 * 1024) + 'token\ntoken after\n');
    const { lines, result } = await linesOf(file);
    expect(lines).to.deep.equal(['token before', 'token after']);
    expect(result.overlongLines).to.equal(2);
  });
});
