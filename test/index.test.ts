import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const logwarden = path.join(dist, 'src', 'index.js');

/**
 * Our modules (paths under dist/) a fresh process has loaded after running `script`
 * with the package imported as `lw`: those imported (seen by a loader hook) and those
 * a lazy export required (in require's cache; their own imports are not listed).
 */
function modulesLoadedBy(script: string): string[] {
  const hooks = `data:text/javascript,${encodeURIComponent(`
    export async function load(url, context, next) {
      if (url.startsWith('file:')) globalThis.port?.postMessage(url);
      return next(url, context);
    }
    export function initialize(data) { globalThis.port = data.port; }
  `)}`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { register } from 'node:module';
    import { MessageChannel } from 'node:worker_threads';
    const { port1, port2 } = new MessageChannel();
    const urls = [];
    port1.on('message', (url) => urls.push(url));
    port1.unref();
    register(${JSON.stringify(hooks)}, { data: { port: port2 }, transferList: [port2] });
    const { createRequire } = await import('node:module');
    const lw = await import(${JSON.stringify(logwarden)});
    ${script}
    await new Promise((resolve) => setTimeout(resolve, 100));
    const prefix = ${JSON.stringify('file://' + dist + '/')};
    const required = Object.keys(createRequire(import.meta.url).cache).map((file) => 'file://' + file);
    console.log(JSON.stringify([...new Set([...urls, ...required])].filter((url) => url.startsWith(prefix)).map((url) => url.slice(prefix.length)).sort()));
  `], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`script failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

describe('the package entry point', function () {
  this.timeout(30_000);

  it('loads the logger core at import, and no appender, layout or configuration reader', () => {
    const loaded = modulesLoadedBy('');
    expect(loaded).to.include.members(['src/index.js', 'src/logger.js', 'src/log-manager.js', 'src/context/mdc.js']);
    expect(loaded.filter((file) => /appenders\/|layouts\/pattern\/pattern-layout|src\/config\//.test(file))).to.deep.equal([]);
  });

  it('reaches every export: each lazy one names a module and export that exist', async () => {
    const index = await import(logwarden) as Record<string, unknown>;
    const broken: string[] = [];
    for (const [name, value] of Object.entries(index)) {
      try {
        // Reading a class's prototype, a function's name or asking an object for a member loads the module behind a lazy export.
        if (typeof value === 'function' && (value as { prototype?: unknown; name: string }).name === '') broken.push(`${name}: no name`);
        if (typeof value === 'function') void (value as { prototype?: unknown }).prototype;
        else if (typeof value === 'object' && value !== null) void ('member' in value);
      } catch (error) {
        broken.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(broken).to.deep.equal([]);
  });

  it('calls the functions and reads the object of its lazy exports', () => {
    const loaded = modulesLoadedBy(`
      const facts = [
        lw.isKnownLayout('org.apache.log4j.PatternLayout'),
        lw.createLayout('org.apache.log4j.PatternLayout').constructor.name === 'PatternLayout',
        lw.presetLayout('jira').constructor.name === 'NewLineIndentingFilteringPatternLayout',
        typeof lw.configure({ root: { level: 'INFO' } }).settled === 'function',
        lw.registerAppenderType({ className: 'test.Nothing', options: {}, usesLayout: false, create: () => new lw.NullAppender() }) === undefined,
        lw.clusterLogging.role === 'writer',
      ];
      if (facts.includes(false)) throw new Error('wrong answers: ' + JSON.stringify(facts));
    `);
    expect(loaded).to.include.members(['layouts/registry.js', 'layouts/presets.js', 'src/config/configure.js', 'appenders/registry.js', 'appenders/file/cluster/cluster-logging.js']);
  });

  it('loads an appender and a layout when the program first uses them, and they log', () => {
    const loaded = modulesLoadedBy(`
      const appender = new lw.MemoryAppender({ layout: new lw.PatternLayout('%p %m') });
      lw.getLogger('x').addAppender(appender);
      lw.getLogger('x').info('first');
      if (appender.lines[0] !== 'INFO first') throw new Error('logged ' + JSON.stringify(appender.lines));
    `);
    expect(loaded).to.include.members(['appenders/memory-appender.js', 'layouts/pattern/pattern-layout.js']);
    expect(loaded.filter((file) => /src\/config\/|syslog|database|file-appender/.test(file))).to.deep.equal([]);
  });
});
