import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));

function logwarden(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('cli/main (the logwarden bin)', function () {
  this.timeout(20_000);

  it('is the package bin, and its source starts with a node shebang so it runs as a command', () => {
    const manifest = JSON.parse(readFileSync(`${repo}package.json`, 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin).to.deep.equal({ logwarden: './dist/src/cli/main.js' });
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).to.equal(true);
  });

  it('--help prints the usage, the commands and the exit codes, and exits 0', () => {
    const run = logwarden('--help');
    expect(run.code).to.equal(0);
    expect(run.stdout).to.match(/^Usage: logwarden <command> \[options\]/);
    expect(run.stdout).to.include('Commands:');
    expect(run.stdout).to.include('Exit codes: 0');
  });

  it('no command prints the usage and exits 2', () => {
    const run = logwarden();
    expect(run.code).to.equal(2);
    expect(run.stdout).to.include('Usage: logwarden');
  });

  it('an unknown command names itself on stderr and exits 2', () => {
    const run = logwarden('frobnicate', '--now');
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal("logwarden: unknown command 'frobnicate --now'; run 'logwarden --help' for the list\n");
  });

  it('a command group alone lists its commands and exits 2; with --help it exits 0', () => {
    const run = logwarden('audit');
    expect(run.code).to.equal(2);
    expect(run.stdout).to.match(/\n {2}audit verify {2}verify a chained audit log/);
    expect(run.stdout).not.to.include('tokens');
    expect(logwarden('audit', '--help').code).to.equal(0);
  });
});
