import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LogInputError, logFilesOf } from '../../src/token-report/log-file-order.js';

describe('token-report/log-file-order', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists a folder (and its subfolders) oldest first per log: numbered backups from the highest, dated by date, the active file last', () => {
    const names = ['app.log', 'app.log.1', 'app.log.10.gz', 'app.log.2.gz', 'audit.log', 'audit.log.2024-05-02', 'audit.log.2024-05-01.gz', 'old/x.log'];
    fs.mkdirSync(path.join(dir, 'old'));
    for (const name of names) fs.writeFileSync(path.join(dir, name), name);
    expect(logFilesOf([dir]).map((file) => path.relative(dir, file.path))).to.deep.equal([
      'app.log.10.gz', 'app.log.2.gz', 'app.log.1', 'app.log',
      'audit.log.2024-05-01.gz', 'audit.log.2024-05-02', 'audit.log',
      path.join('old', 'x.log'),
    ]);
  });

  it('lists a file named twice once, with its size', () => {
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'abc');
    expect(logFilesOf([file, dir])).to.deep.equal([{ path: file, size: 3 }]);
  });

  it('refuses an input that does not exist, naming it', () => {
    expect(() => logFilesOf([path.join(dir, 'missing.log')])).to.throw(LogInputError, /missing\.log: ENOENT/);
  });
});
