import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const logwarden = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'index.js');

/** The packages under node_modules that a fresh process has loaded after running `script`. */
function packagesLoadedBy(script: string): string[] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    ${script}
    const names = Object.keys(require.cache).map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean);
    console.log(JSON.stringify([...new Set(names)].sort()));
  `], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`script failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

describe('lazy packages', () => {
  it('importing logwarden loads neither node-postgres, fast-json-stringify, saxes, js-yaml nor chokidar', () => {
    expect(packagesLoadedBy(`await import(${JSON.stringify(logwarden)});`)).to.deep.equal([]);
  });

  // Once an application registers a context manager the API is loaded at the next event: test/core/active-trace.test.ts.
  it('loads @opentelemetry/api (an optional peer) neither at import nor at events while no OpenTelemetry context manager is registered', () => {
    expect(packagesLoadedBy(`
      const { getLogger, NullAppender } = await import(${JSON.stringify(logwarden)});
      getLogger('x').addAppender(new NullAppender());
      getLogger('x').info('first event');
    `)).to.deep.equal([]);
  });

  it('loads js-yaml for a YAML configuration and chokidar for a watched one, neither for a log4j.properties read once', () => {
    const configureFrom = (file: string, text: string, watch: boolean) => `
      const { mkdtempSync, writeFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const file = join(mkdtempSync(join(tmpdir(), 'logwarden-lazy-')), ${JSON.stringify(file)});
      writeFileSync(file, ${JSON.stringify(text)});
      const { configure, shutdown } = await import(${JSON.stringify(logwarden)});
      configure(file, { watch: ${watch} });
      await shutdown();
    `;
    expect(packagesLoadedBy(configureFrom('log4j.properties', 'log4j.rootLogger=INFO\n', false))).to.deep.equal([]);
    expect(packagesLoadedBy(configureFrom('log4j.yaml', 'root:\n  level: INFO\n', false))).to.deep.equal(['js-yaml']);
    expect(packagesLoadedBy(configureFrom('log4j.properties', 'log4j.rootLogger=INFO\n', true))).to.deep.equal(['chokidar']);
  });
});
