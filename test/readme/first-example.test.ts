import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('README', () => {
  it('runs its first example as written', () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'a ```js block in README.md').to.be.a('string');
    // Inside the package, so that `import ... from 'logwarden'` resolves to this package itself.
    const scratch = join(repo, '.tmp');
    mkdirSync(scratch, { recursive: true });
    const script = join(scratch, `readme-example-${process.pid}.mjs`);
    const cwd = mkdtempSync(join(tmpdir(), 'logwarden-readme-'));
    try {
      writeFileSync(script, code!);
      const stdout = execFileSync(process.execPath, [script], { cwd, encoding: 'utf8' });
      const lines = stdout.trimEnd().split('\n');
      expect(lines[0]).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO  \[main\] InvoiceService  - Service starting$/);
      expect(lines[1]).to.match(/ WARN  \[main\] InvoiceService admin - Invoice INV-42 is overdue$/);
      expect(lines[2]).to.match(/ DEBUG \[main\] InvoiceService  - expensive \{"computed":true\}$/);
      expect(lines[3]).to.match(/ ERROR \[main\] InvoiceService  - Upload failed$/);
      expect(lines[4]).to.equal('Error: disk full');
      expect(readFileSync(join(cwd, 'logs/example.log'), 'utf8')).to.equal(stdout);
    } finally {
      rmSync(script, { force: true });
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
