import { expect } from 'chai';
import { Worker } from 'node:worker_threads';
import { ThreadName } from '../../../src/context/thread-name.js';
import { resetProcessFrame } from '../../../src/context/context-frame.js';

describe('ThreadName', () => {
  afterEach(() => resetProcessFrame());

  it('is "main" on the main thread', () => {
    expect(ThreadName.get()).to.equal('main');
  });

  it('can be set for an async context, e.g. per request', async () => {
    const names = await Promise.all([1, 2, 3].map((n) => ThreadName.run(`http-nio-8080-exec-${n}`, async () => {
      await new Promise((r) => setTimeout(r, 4 - n));
      return ThreadName.get();
    })));
    expect(names).to.deep.equal(['http-nio-8080-exec-1', 'http-nio-8080-exec-2', 'http-nio-8080-exec-3']);
    expect(ThreadName.get()).to.equal('main');
  });

  it('names a worker thread after the worker', async () => {
    const module = new URL('../../../src/context/thread-name.js', import.meta.url).href;
    const worker = new Worker(
      `import(${JSON.stringify(module)}).then(({ ThreadName }) => require('node:worker_threads').parentPort.postMessage(ThreadName.get()));`,
      { eval: true },
    );
    // Read now: once the worker's script ends, Node reports its threadId as -1.
    const threadId = worker.threadId;
    const name = await new Promise<string>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(name).to.equal(`Thread-${threadId}`);
  });
});
