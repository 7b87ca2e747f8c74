import { expect } from 'chai';
import type { CommandIo } from '../../src/cli/command.js';
import { progressLine } from '../../src/cli/progress-line.js';

function io(isTTY: boolean): { io: CommandIo; written: string[] } {
  const written: string[] = [];
  const stderr = { isTTY, write: (text: string) => written.push(text) };
  return { io: { stdout: { write: () => true }, stderr, env: {}, cwd: '/' }, written };
}

const MB = 1048576;

describe('cli/progress-line', () => {
  it('on a terminal, rewrites one line at most every 250 ms for inputs from the threshold on, and clears it', () => {
    const { io: terminal, written } = io(true);
    let time = 1000;
    const progress = progressLine(terminal, 64 * MB, () => time);
    progress.update!({ bytesRead: 10 * MB, bytesTotal: 100 * MB, file: '/logs/a.log' });
    time += 100;
    progress.update!({ bytesRead: 20 * MB, bytesTotal: 100 * MB, file: '/logs/a.log' });
    time += 200;
    progress.update!({ bytesRead: 30 * MB, bytesTotal: 100 * MB, file: '/logs/b\u001b[2J.log' });
    progress.clear();
    expect(written).to.deep.equal([
      '\r\u001b[Kreading 10/100 MB (10%) /logs/a.log',
      '\r\u001b[Kreading 30/100 MB (30%) /logs/b?[2J.log',
      '\r\u001b[K',
    ]);
  });

  it('prints nothing for a small input, or when stderr is not a terminal', () => {
    const small = io(true);
    const quiet = progressLine(small.io, 64 * MB, () => 0);
    quiet.update!({ bytesRead: MB, bytesTotal: 2 * MB, file: 'a' });
    quiet.clear();
    expect(small.written).to.deep.equal([]);
    const piped = io(false);
    const none = progressLine(piped.io);
    expect(none.update).to.equal(undefined);
    none.clear();
    expect(piped.written).to.deep.equal([]);
  });
});
