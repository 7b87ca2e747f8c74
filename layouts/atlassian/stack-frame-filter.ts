import { readFileSync } from 'node:fs';

export interface StackFrameFilterOptions {
  /**
   * Frames whose text contains any of these strings are left out, e.g.
   * `node:internal`, `node_modules/express/`. A single string is a comma-separated
   * list; `@path` reads one entry per line from a file (`#` starts a comment), like
   * Jira's `@jira-filtered-frames.properties`.
   */
  filteredFrames?: string | readonly string[];
  /** The first lines of a stack that are always kept (Atlassian's default: 6). */
  minimumLines?: number;
  /** Replace each run of left-out frames by `... N filtered` instead of nothing. */
  showEludedSummary?: boolean;
}

function readFrameList(source: string): string[] {
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the filtered frames file "${source}": ${(error as Error).message}`);
  }
  return text
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));
}

/** The configured frame list as plain entries. */
export function frameList(filteredFrames: string | readonly string[] | undefined): string[] {
  if (filteredFrames === undefined) return [];
  const items = typeof filteredFrames === 'string' ? filteredFrames.split(',') : [...filteredFrames];
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === '') continue;
    if (item.startsWith('@')) out.push(...readFrameList(item.slice(1).trim()));
    else out.push(item);
  }
  return out;
}

function frameIndent(line: string): string | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i > 0 && line.startsWith('at ', i) ? line.slice(0, i) : undefined;
}

/**
 * Removes stack frames from the configured packages out of a rendered stack (text
 * ending with `eol`). Header lines (`Error: ...`, `Caused by: ...`) always stay, and
 * so do the first `minimumLines` lines.
 */
export function createStackFrameFilter(options: StackFrameFilterOptions, eol = '\n'): (stack: string) => string {
  const frames = frameList(options.filteredFrames);
  const minimumLines = options.minimumLines ?? 6;
  if (!Number.isInteger(minimumLines) || minimumLines < 0) throw new Error(`Bad minimumLines ${minimumLines}: expected a whole number >= 0`);
  const summary = options.showEludedSummary === true;
  if (frames.length === 0) return (stack) => stack;
  return (stack) => {
    const lines = stack.split(eol);
    const trailing = lines[lines.length - 1] === '' ? lines.pop() : undefined;
    let out = '';
    let skipped = 0;
    let skippedIndent = '';
    const flush = (): void => {
      if (skipped > 0 && summary) out += `${skippedIndent}... ${skipped} filtered${eol}`;
      skipped = 0;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const indent = i < minimumLines ? undefined : frameIndent(line);
      if (indent !== undefined && frames.some((f) => line.includes(f))) {
        if (skipped === 0) skippedIndent = indent;
        skipped++;
        continue;
      }
      flush();
      out += line + eol;
    }
    flush();
    return trailing === undefined ? out.slice(0, out.length - eol.length) : out;
  };
}
