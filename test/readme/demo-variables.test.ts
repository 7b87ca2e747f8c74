import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_VARIABLES, readDemoEnvironment } from '../../src/demo/demo-environment.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('README demo variables', () => {
  it('DEMO_VARIABLES names every variable the demo reads', () => {
    const read = new Set<string>();
    const recording = new Proxy({} as Record<string, string | undefined>, { get: (_, name) => { read.add(String(name)); return undefined; } });
    readDemoEnvironment(recording);
    expect([...read].sort()).to.deep.equal([...DEMO_VARIABLES].sort());
  });

  it('the README table of "The demo" has a row for each of them', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The demo'));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((match) => match[1]);
    expect(rows).to.have.members([...DEMO_VARIABLES]);
  });
});
