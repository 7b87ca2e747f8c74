import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkPrivateDirectory, removeStaleWriterAddresses, writerAddress } from '../../../../appenders/file/cluster/writer-address.js';

describe('writer addresses', () => {
  it('removes socket files of writers that are gone, and keeps those of live ones', function () {
    if (process.platform === 'win32') this.skip();
    checkPrivateDirectory(true);
    const finished = spawnSync(process.execPath, ['-e', '0']);
    const dead = writerAddress(finished.pid!);
    const alive = writerAddress(process.ppid);
    writeFileSync(dead, '');
    const hadAlive = existsSync(alive);
    if (!hadAlive) writeFileSync(alive, '');
    try {
      removeStaleWriterAddresses();
      expect(existsSync(dead), 'socket file of an exited process').to.equal(false);
      expect(existsSync(alive), 'socket file of a running process').to.equal(true);
      expect(dirname(dead)).to.equal(dirname(alive));
    } finally {
      if (!hadAlive) rmSync(alive, { force: true });
    }
  });
});
