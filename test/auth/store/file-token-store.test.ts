import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTokenStore } from '../../../src/auth/store/file-token-store.js';
import { InternalLog } from '../../../src/internal-log.js';
import { sampleRecord } from './token-records.js';
import { rejectionOf } from '../support/rejection.js';
import { SmallFileSystem } from '../support/small-file-system.js';

const storeModule = new URL('../../../src/auth/store/file-token-store.js', import.meta.url).href;

describe('auth/store/FileTokenStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-tokens-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('persists every change, and a new instance reads them back', async () => {
    const file = path.join(dir, 'tokens.json');
    const store = new FileTokenStore(file);
    expect(await store.listByOwner('admin')).to.deep.equal([]);
    await store.insert(sampleRecord('a'));
    await store.insert(sampleRecord('b', 'bob'));
    await store.update('a', { description: 'renamed "quoted"\nline' });
    await store.touch(new Map([['b', 99]]));
    await store.delete('x');

    const reopened = new FileTokenStore(file);
    expect((await reopened.get('a'))!.description).to.equal('renamed "quoted"\nline');
    expect((await reopened.get('b'))!.lastAccessedAt).to.equal(99);
    expect((await reopened.listAll()).map((r) => r.id).sort()).to.deep.equal(['a', 'b']);
    await reopened.deleteByOwner('bob');
    expect(await new FileTokenStore(file).get('b')).to.equal(undefined);
    expect((await new FileTokenStore(file).listAll()).map((r) => r.id)).to.deep.equal(['a']);
  });

  it('writes the file with mode 0600 and leaves no temporary files', async function () {
    if (process.platform === 'win32') this.skip();
    const file = path.join(dir, 'tokens.json');
    const store = new FileTokenStore(file);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.insert(sampleRecord(id))));
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(fs.readdirSync(dir)).to.deep.equal(['tokens.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).tokens).to.have.length(4);
  });

  it('creates missing directories, and warns about a store others can read until it is rewritten', async function () {
    if (process.platform === 'win32') this.skip();
    const file = path.join(dir, 'deep', 'er', 'tokens.json');
    await new FileTokenStore(file).insert(sampleRecord('a'));
    fs.chmodSync(file, 0o644);
    const reports: string[] = [];
    const previous = InternalLog.setSink((line) => reports.push(line));
    try {
      const store = new FileTokenStore(file);
      expect(reports.join('\n')).to.include(`Token store ${file} has mode 0644; it will be rewritten with mode 0600`);
      await store.insert(sampleRecord('b'));
      expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    } finally {
      InternalLog.setSink(previous);
    }
  });

  it('coalesces concurrent changes yet resolves each only when it is on disk', async () => {
    const file = path.join(dir, 'tokens.json');
    const store = new FileTokenStore(file);
    const ids = Array.from({ length: 50 }, (_, i) => `id${i}`);
    await Promise.all(ids.map(async (id) => {
      await store.insert(sampleRecord(id));
      const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')).tokens.map((r: { id: string }) => r.id);
      expect(onDisk).to.include(id);
    }));
  });

  it('names the file and the entry when the content is bad', () => {
    const file = path.join(dir, 'tokens.json');
    fs.writeFileSync(file, '{"version":1,"tokens":[{"id":"a","family":"api","owner":"x","description":"","scope":"ALL","hash":"h","createdAt":1,"expiresAt":null}]}');
    expect(() => new FileTokenStore(file)).to.throw(/tokens\.json: tokens\[0\]\.scope: Unknown token scope "ALL"/);
    fs.writeFileSync(file, '{"version":1,"tokens":[');
    expect(() => new FileTokenStore(file)).to.throw(/tokens\.json: not valid JSON/);
    fs.writeFileSync(file, '[]');
    expect(() => new FileTokenStore(file)).to.throw(/tokens\.json: top level/);
  });

  it('reports a failed write with the file name', async () => {
    const sub = path.join(dir, 'gone');
    fs.mkdirSync(sub);
    const store = new FileTokenStore(path.join(sub, 'tokens.json'));
    fs.rmSync(sub, { recursive: true });
    const error = await rejectionOf(store.insert(sampleRecord('a')));
    expect(error.message).to.match(/gone[\\/]tokens\.json: write failed/);
  });

  it('makes no change it cannot write: on a full disk memory stays as it was, the retry succeeds once there is room, and a restart finds what callers were told', async function () {
    const disk = SmallFileSystem.mount(path.join(dir, 'small-fs'));
    if (!disk) this.skip();
    try {
      const file = path.join(disk.dir, 'tokens.json');
      const store = new FileTokenStore(file);
      await store.insert(sampleRecord('a'));
      await store.insert(sampleRecord('b'));
      disk.fill();

      expect((await rejectionOf(store.delete('a'))).message).to.match(/tokens\.json: write failed: ENOSPC/);
      expect(await store.get('a'), 'a failed delete leaves the token in place').to.deep.equal(sampleRecord('a'));
      await rejectionOf(store.insert(sampleRecord('c')));
      await rejectionOf(store.update('b', { description: 'renamed' }));
      await rejectionOf(store.deleteByOwner('admin'));
      await rejectionOf(store.touch(new Map([['b', 99]])));
      expect(await store.listByOwner('admin')).to.deep.equal([sampleRecord('a'), sampleRecord('b')]);
      expect(await new FileTokenStore(file).listByOwner('admin'), 'after a restart').to.deep.equal([sampleRecord('a'), sampleRecord('b')]);

      disk.free();
      expect(await store.delete('a'), 'the retry').to.deep.equal(sampleRecord('a'));
      expect(await store.get('a')).to.equal(undefined);
      expect(await new FileTokenStore(file).listByOwner('admin'), 'after a restart').to.deep.equal([sampleRecord('b')]);
    } finally {
      disk.unmount();
    }
  });

  it('rejects every change of a snapshot that could not be written, and keeps none of them', async () => {
    const sub = path.join(dir, 'data');
    const file = path.join(sub, 'tokens.json');
    const store = new FileTokenStore(file);
    await store.insert(sampleRecord('a'));
    // The directory replaced by a file: any write into it fails (ENOTDIR), for root too.
    fs.renameSync(sub, path.join(dir, 'moved'));
    fs.writeFileSync(sub, '');
    // The first change is written alone; the other three arrive during its write and are written together.
    const results = await Promise.allSettled([
      store.insert(sampleRecord('b')),
      store.insert(sampleRecord('c'), 1),
      store.delete('a'),
      store.update('zz', { description: 'no such token' }),
    ]);
    const errors = results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'resolved'));
    expect(errors[0]).to.match(/tokens\.json: write failed: ENOTDIR/);
    expect(errors[1], 'a change refused on its own merits keeps its own error').to.equal('User already has the maximum of 1 tokens');
    expect(errors[2]).to.match(/tokens\.json: write failed: ENOTDIR/);
    expect(errors[3], 'its answer was computed on the copy that was never written').to.match(/write failed/);
    expect(await store.listByOwner('admin')).to.deep.equal([sampleRecord('a')]);

    fs.rmSync(sub);
    fs.renameSync(path.join(dir, 'moved'), sub);
    await store.insert(sampleRecord('b'));
    expect((await new FileTokenStore(file).listByOwner('admin')).map((r) => r.id)).to.deep.equal(['a', 'b']);
  });

  it('survives being killed in the middle of writes (child process, SIGKILL)', async function () {
    if (process.platform === 'win32') this.skip();
    this.timeout(30_000);
    const file = path.join(dir, 'tokens.json');
    const script = path.join(dir, 'writer.mjs');
    // Modes: "free" is killed wherever it happens to be; "torn" stops halfway through
    // writing a snapshot and "before-rename" just before the rename, each announcing
    // it on stdout, so those kills land inside a write for certain.
    fs.writeFileSync(script, `
      import fs from 'node:fs';
      import { FileTokenStore } from ${JSON.stringify(storeModule)};
      const [file, prefix, mode] = process.argv.slice(2);
      let acks = 0;
      const hang = (what) => { fs.writeSync(1, what + '\\n'); return new Promise(() => {}); };
      const realOpen = fs.promises.open;
      fs.promises.open = async (...args) => {
        const handle = await realOpen(...args);
        if (mode === 'torn' && acks >= 5) {
          handle.writeFile = async (text) => { await handle.write(text.slice(0, text.length >> 1)); await handle.sync(); return hang('torn'); };
        }
        return handle;
      };
      const realRename = fs.promises.rename;
      fs.promises.rename = async (...args) => (mode === 'before-rename' && acks >= 5 ? hang('renaming') : realRename(...args));
      const store = new FileTokenStore(file);
      const pad = 'x'.repeat(2000);
      for (let i = 0; ; i++) {
        const id = prefix + '-' + i;
        await store.insert({ id, family: 'api', owner: 'u' + (i % 7), description: pad + i, scope: 'READ_WRITE',
          hash: '{PKCS5S2}' + 'A'.repeat(64), createdAt: i, expiresAt: null, lastAccessedAt: null });
        acks++;
        fs.writeSync(1, id + '\\n');
      }
    `);
    const rounds: Array<{ mode: string; killAfter: number }> = [
      { mode: 'free', killAfter: 3 },
      { mode: 'torn', killAfter: Infinity },
      { mode: 'free', killAfter: 11 },
      { mode: 'before-rename', killAfter: Infinity },
    ];
    let total = 0;
    let leftovers = 0;
    for (const [round, { mode, killAfter }] of rounds.entries()) {
      const acknowledged = await new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, [script, file, `r${round}`, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
        const acks: string[] = [];
        let buffered = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop()!;
          for (const line of lines) {
            if (line === 'torn' || line === 'renaming') child.kill('SIGKILL');
            else acks.push(line);
          }
          if (acks.length >= killAfter) child.kill('SIGKILL');
        });
        child.on('error', reject);
        child.on('exit', () => resolve(acks));
      });
      leftovers += fs.readdirSync(dir).filter((name) => name.includes('.tmp-')).length;
      const store = new FileTokenStore(file);
      for (const id of acknowledged) expect(await store.get(id), `acknowledged ${id} survives`).to.not.equal(undefined);
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')).tokens as unknown[];
      expect(stored.length).to.be.at.least(total + acknowledged.length);
      total = stored.length;
      expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp-'))).to.deep.equal([]);
    }
    expect(leftovers).to.be.at.least(2);
  });
});
