import { appendFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The ways programs save a configuration file that is being watched, each leaving
 * the file missing, empty or partial for a moment (or, with a pause, for as long
 * as the pause). Shared by the hot-reload test and benchmarks/hot-reload-soak.ts.
 */
export type RewriteWay = 'rename' | 'truncate+write' | 'truncate+pause+write' | 'half+pause+rest' | 'mid-line+pause+rest' | 'empty for a while';

export const REWRITE_WAYS: readonly RewriteWay[] = [
  'rename', 'truncate+write', 'truncate+pause+write', 'half+pause+rest', 'mid-line+pause+rest', 'empty for a while',
];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Saves `text` as `file` the given way. `pauseMs` is how long the file stays empty
 * or partial; `cut` picks the line a partial file ends before (half) or in the
 * middle of (mid-line), taken modulo the number of lines, so counting up visits every one.
 */
export async function rewrite(file: string, text: string, way: RewriteWay, pauseMs: number, cut: number): Promise<void> {
  switch (way) {
    case 'rename': {
      const temp = join(dirname(file), `.${basename(file)}.tmp`);
      writeFileSync(temp, text);
      renameSync(temp, file);
      return;
    }
    case 'truncate+write':
      writeFileSync(file, text);
      return;
    case 'truncate+pause+write':
      truncateSync(file, 0);
      await sleep(pauseMs);
      writeFileSync(file, text);
      return;
    case 'half+pause+rest': {
      const lines = text.split(/(?<=\n)/);
      const at = 1 + (cut % (lines.length - 1));
      writeFileSync(file, lines.slice(0, at).join(''));
      await sleep(pauseMs);
      appendFileSync(file, lines.slice(at).join(''));
      return;
    }
    case 'mid-line+pause+rest': {
      const lines = text.split(/(?<=\n)/);
      const line = cut % lines.length;
      const at = lines.slice(0, line).join('').length + Math.ceil(lines[line]!.length / 2);
      writeFileSync(file, text.slice(0, at));
      await sleep(pauseMs);
      appendFileSync(file, text.slice(at));
      return;
    }
    case 'empty for a while':
      writeFileSync(file, '');
      await sleep(pauseMs);
      writeFileSync(file, text);
      return;
  }
}

/**
 * Edit `n` of a configuration that sends logger `counter` to its own file (additivity
 * off) and everything else to a main file. Every edit changes both layouts, so each
 * applied edit builds new appenders; the order puts each appender's definition after
 * the logger naming it, as hand-written files often do.
 */
export function soakConfiguration(n: number, mainLog: string, counterLog: string): string {
  return [
    'log4j.rootLogger=INFO, MAIN',
    'log4j.appender.MAIN=org.apache.log4j.FileAppender',
    `log4j.appender.MAIN.File=${mainLog}`,
    'log4j.appender.MAIN.layout=org.apache.log4j.PatternLayout',
    `log4j.appender.MAIN.layout.ConversionPattern=%c %m v${n}%n`,
    'log4j.logger.counter=INFO, COUNTER',
    'log4j.additivity.counter=false',
    'log4j.appender.COUNTER=org.apache.log4j.FileAppender',
    `log4j.appender.COUNTER.File=${counterLog}`,
    'log4j.appender.COUNTER.layout=org.apache.log4j.PatternLayout',
    `log4j.appender.COUNTER.layout.ConversionPattern=%m v${n}%n`,
    `log4j.logger.edit${n}=DEBUG`,
    '',
  ].join('\n');
}

/**
 * Reads the counter file back: the values 0..total-1 must each be there exactly
 * once. A line written while a prefix of the file was in force may lack the
 * layout (`INFO - 17`); any other line is an error. Returns what is wrong, if anything.
 */
export function checkCounter(counterLog: string, total: number): string[] {
  const lines = readFileSync(counterLog, 'utf8').split('\n');
  const problems: string[] = [];
  if (lines.pop() !== '') problems.push('the file does not end with a line break');
  const seen = new Uint8Array(total);
  for (const line of lines) {
    const match = /^(?:INFO - )?(\d+)(?: v\d+)?$/.exec(line);
    const value = match ? Number(match[1]) : -1;
    if (value < 0 || value >= total) problems.push(`unexpected line ${JSON.stringify(line)}`);
    else seen[value]!++;
  }
  const missing = seen.reduce((count, times) => count + (times === 0 ? 1 : 0), 0);
  const twice = seen.reduce((count, times) => count + (times > 1 ? 1 : 0), 0);
  if (missing) problems.push(`${missing} of ${total} values missing (first: ${seen.indexOf(0)})`);
  if (twice) problems.push(`${twice} values written more than once`);
  return problems.slice(0, 10);
}
