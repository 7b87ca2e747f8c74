import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const lazyExport = path.join(dist, 'src', 'lazy-export.js');

/** Runs `script` in a fresh process with lazyClass, lazyFunction and lazyObject in scope; returns what it printed as JSON. */
function inFreshProcess(script: string): unknown {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
    const { lazyClass, lazyFunction, lazyObject } = await import(${JSON.stringify(lazyExport)});
    const url = (file) => new URL('file://' + ${JSON.stringify(dist)} + '/' + file);
    ${script}
  `], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`script failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('lazy exports', () => {
  it('load their module on first use, not before, and reach the class itself: new, instanceof, extends, static members', () => {
    const facts = inFreshProcess(`
      const LazyAppender = lazyClass(url('appenders/memory-appender.js'), 'MemoryAppender');
      const appender = new LazyAppender({ name: 'm' });
      const { MemoryAppender } = await import(url('appenders/memory-appender.js'));
      class Sub extends LazyAppender { extra() { return 'sub'; } }
      const sub = new Sub({ name: 's' });
      console.log(JSON.stringify({
        sameClass: appender.constructor === MemoryAppender,
        instanceofLazy: appender instanceof LazyAppender,
        instanceofReal: appender instanceof MemoryAppender,
        subInstance: sub instanceof LazyAppender && sub instanceof Sub && sub.extra() === 'sub' && sub.name === 's',
        prototype: LazyAppender.prototype === MemoryAppender.prototype,
        name: LazyAppender.name,
        notAnInstance: ({}) instanceof LazyAppender,
      }));
    `);
    expect(facts).to.deep.equal({
      sameClass: true, instanceofLazy: true, instanceofReal: true, subInstance: true, prototype: true, name: 'MemoryAppender', notAnInstance: false,
    });
  });

  it('loads nothing until first used: a missing module is found out at the first call, not when the export is made', () => {
    const facts = inFreshProcess(`
      const made = [lazyFunction(url('no-such-module.js'), 'f'), lazyClass(url('no-such-module.js'), 'C'), lazyObject(url('no-such-module.js'), 'o')];
      const failures = [];
      try { made[0](); } catch (error) { failures.push(error.code); }
      try { new made[1](); } catch (error) { failures.push(error.code); }
      try { made[2].member; } catch (error) { failures.push(error.code); }
      console.log(JSON.stringify(failures));
    `);
    expect(facts).to.deep.equal(['MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);
  });

  it('calls the function and reads the object of the module once loaded', () => {
    const facts = inFreshProcess(`
      const parse = lazyFunction(url('appenders/file/byte-size.js'), 'parseByteSize');
      const levels = lazyObject(url('src/log-manager.js'), 'LogManager');
      console.log(JSON.stringify({ size: parse('2KB', 'test'), name: parse.name, hasGetLogger: 'getLogger' in levels, logger: levels.getLogger('a.b').name }));
    `);
    expect(facts).to.deep.equal({ size: 2048, name: 'parseByteSize', hasGetLogger: true, logger: 'a.b' });
  });

  it('names the module and the export when the export does not exist', () => {
    const facts = inFreshProcess(`
      const Missing = lazyClass(url('appenders/memory-appender.js'), 'NoSuchAppender');
      try { new Missing(); console.log('null'); } catch (error) { console.log(JSON.stringify(error.message)); }
    `);
    expect(facts).to.match(/memory-appender\.js has no export "NoSuchAppender"$/);
  });
});
