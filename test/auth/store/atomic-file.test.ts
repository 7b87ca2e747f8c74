import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeStaleTempFiles, writeFileAtomically } from '../../../src/auth/store/atomic-file.js';
import { rejectionOf } from '../support/rejection.js';

describe('auth/store/writeFileAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces the content whole with the mode asked for and leaves no temporary file', async () => {
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, 'old');
    await writeFileAtomically(file, 'new content', 0o600);
    expect(fs.readFileSync(file, 'utf8')).to.equal('new content');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(fs.readdirSync(dir)).to.deep.equal(['settings.json']);
  });

  it('a failed write leaves the old file and no temporary file', async () => {
    const file = path.join(dir, 'settings.json');
    fs.mkdirSync(file);
    fs.writeFileSync(path.join(file, 'inside'), 'x');
    await rejectionOf(writeFileAtomically(file, 'new', 0o600));
    expect(fs.readdirSync(dir)).to.deep.equal(['settings.json']);
    expect(fs.statSync(file).isDirectory()).to.equal(true);
  });

  it('removeStaleTempFiles removes only the temporary files of that file', () => {
    const file = path.join(dir, 'tokens.json');
    for (const name of ['tokens.json', 'tokens.json.tmp-12-1', 'tokens.json.tmp-13-7', 'other.json.tmp-12-1']) fs.writeFileSync(path.join(dir, name), '');
    removeStaleTempFiles(file);
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['other.json.tmp-12-1', 'tokens.json']);
    removeStaleTempFiles(path.join(dir, 'missing', 'x.json'));
  });
});
