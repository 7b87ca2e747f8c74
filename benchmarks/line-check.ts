import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Proves a run wrote exactly `expected` lines, each once and in order, by the index
 * each message ends with. Returns a description of the first problem, or null.
 */
export function checkLines(text: string, expected: number): string | null {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length !== expected) return `expected ${expected} lines, found ${lines.length}`;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const hash = line.lastIndexOf('#');
    const index = hash < 0 ? NaN : parseInt(line.slice(hash + 1), 10);
    if (index !== i) return `line ${i + 1} is out of order or torn: ${line.slice(0, 160)}`;
  }
  return null;
}

/** The text of a rolled set `base`, `base.1` … `base.N`, oldest first. */
export function readRolledSet(dir: string, base: string): string {
  const backups = readdirSync(dir)
    .filter((name) => name.startsWith(base + '.'))
    .map((name) => Number(name.slice(base.length + 1)))
    .filter((n) => Number.isInteger(n))
    .sort((a, b) => b - a);
  return backups.map((n) => readFileSync(join(dir, `${base}.${n}`), 'utf8')).join('') + readFileSync(join(dir, base), 'utf8');
}
