import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** What `npm pack` would put in the tarball, from the build this suite runs on. */
function packedFiles(): string[] {
  // --ignore-scripts: prepack's build is not repeated under a running suite.
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(json) as [{ files: { path: string }[] }])[0].files.map((file) => file.path).sort();
}

describe('the npm package', function () {
  this.timeout(30_000);
  let files: string[];
  before(() => { files = packedFiles(); });

  it('ships the library, its types, the logwarden bin, the product configurations, LICENSE and NOTICE', () => {
    expect(files).to.include.members([
      'package.json', 'README.md', 'LICENSE', 'NOTICE',
      'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/auth/index.js', 'dist/src/auth/index.d.ts',
      'dist/appenders/file-appender.js', 'dist/layouts/pattern/pattern-layout.js', 'dist/src/cli/main.js', 'dist/src/cli/dispatch.js',
      'conf/jira.properties', 'conf/jira-filtered-frames.properties', 'conf/confluence.properties', 'conf/bitbucket.yaml',
    ]);
  });

  it('ships no demo, tests, benchmarks or source maps (the TypeScript sources are not shipped)', () => {
    const unwanted = files.filter((file) => /^dist\/(src\/demo|test|benchmarks)\//.test(file) || file.endsWith('.map')
      || file === 'conf/demo.properties' || file.endsWith('.ts') && !file.endsWith('.d.ts'));
    expect(unwanted).to.deep.equal([]);
  });

  it('resolves every entry point and every relative import of its modules inside the tarball', () => {
    const packed = new Set(files);
    const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { exports: Record<string, { types?: string; default?: string } | string> };
    for (const [entry, target] of Object.entries(manifest.exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        expect(packed.has(posix.normalize(file!)), `${entry} -> ${file}`).to.equal(true);
      }
    }
    const missing: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.js') || name.endsWith('.d.ts'))) {
      const text = readFileSync(join(repo, file), 'utf8');
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = posix.join(posix.dirname(file), specifier!);
        const candidates = file.endsWith('.d.ts') ? [target, target.replace(/\.js$/, '.d.ts')] : [target];
        if (!candidates.some((candidate) => packed.has(candidate))) missing.push(`${file}: ${specifier}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });
});
