/**
 * Hot-reload soak: a child process logs a counter continuously, configured from a
 * watched .properties file with the default watch settings, while this process
 * rewrites the file `rounds` times in each of the ways programs save files
 * (rename, truncate+write, truncate + pause up to 1 s + write, half + pause + rest,
 * cut mid-line + pause + rest, empty for 1 s). Every edit changes the counter
 * appender's layout, so each applied edit swaps appenders while lines are logged.
 * Then every counter value must be in the counter file exactly once.
 * 100 rounds (600 rewrites) take about 7 minutes.
 *
 * Run: node dist/benchmarks/hot-reload-soak.js [rounds=100]
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCounter, REWRITE_WAYS, rewrite, soakConfiguration } from '../test/config/config-rewrites.js';

const rounds = Number(process.argv[2] ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'logwarden-reload-soak-'));
const config = join(dir, 'log4j.properties');
const mainLog = join(dir, 'main.log');
const counterLog = join(dir, 'counter.log');
writeFileSync(config, soakConfiguration(0, mainLog, counterLog));

const stderr: string[] = [];
const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'hot-reload-soak-child.js'), [config], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
let applied = 0;
let total = -1;
const waiters: Array<() => void> = [];
child.on('message', (message: { ready?: boolean; applied?: number; total?: number }) => {
  if (message.applied !== undefined) applied = message.applied;
  if (message.total !== undefined) total = message.total;
  for (const wake of waiters.splice(0)) wake();
});
const until = async (condition: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((wake) => {
      waiters.push(wake);
      setTimeout(wake, 100);
    });
  }
};

const started = Date.now();
try {
  await new Promise<void>((ready) => child.once('message', () => ready()));
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (const way of REWRITE_WAYS) {
      n++;
      // Spread over 1..1000 ms; empty files stay empty for a full second.
      const pauseMs = way === 'empty for a while' ? 1000 : 1 + ((round * 7919 + n * 104729) % 1000);
      await rewrite(config, soakConfiguration(n, mainLog, counterLog), way, pauseMs, round);
      await until(() => applied >= n, `edit ${n} (${way}) to apply`);
    }
  }
  child.send('stop');
  await until(() => total >= 0, 'the child to stop');
  const seconds = (Date.now() - started) / 1000;
  const problems = checkCounter(counterLog, total);
  const log = stderr.join('');
  const count = (text: string): number => log.split(text).length - 1;
  console.log(`${rounds} rounds x ${REWRITE_WAYS.length} ways (${REWRITE_WAYS.join(', ')}) = ${n} rewrites in ${seconds.toFixed(0)} s`);
  console.log(`counter values logged: ${total.toLocaleString('en')}; partial files refused: ${count('configuration not applied')}; recoveries reported: ${count('configuration applied again')}`);
  console.log(problems.length ? `FAILED:\n  ${problems.join('\n  ')}` : 'every counter value is in the output exactly once');
  process.exitCode = problems.length ? 1 : 0;
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
