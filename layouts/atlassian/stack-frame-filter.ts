import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PropertiesDocument } from '../../src/config/properties/properties-document.js';

export interface StackFrameFilterOptions {
  /**
   * Frames whose text contains any of these are left out, e.g. `node:internal`,
   * `node_modules/express/`, `org.apache.catalina`. A single string is a
   * comma-separated list; an item `@name` names a properties file (Jira's
   * `@jira-filtered-frames.properties`) whose values are such lists, read as
   * java.util.Properties reads them (`FilteredStackFrames = a, \` continued on
   * the next lines).
   */
  filteredFrames?: string | readonly string[];
  /**
   * Where `@name` is looked for first: the folder of the configuration file that
   * names it (the configurator passes it). Then the working directory.
   */
  resourceDirectory?: string;
  /** The first lines of a stack, and of each `Caused by:` section, that are always kept (Atlassian's default: 6). */
  minimumLines?: number;
  /**
   * Append to each `... N filtered` line the call sites of the frames it stands for,
   * `(file.js:12:5)`. The `... N filtered` line itself is always printed, as
   * Atlassian's layout does.
   */
  showEludedSummary?: boolean;
  /** Frames (same form as filteredFrames) after which the rest of the throwable's frames are left out. */
  filterEverythingAfterFrames?: string | readonly string[];
  /** Printed in place of what filterEverythingAfterFrames leaves out. Atlassian's default: `\t\t(The rest of the stack trace has been filtered ...)`. */
  filterEverythingAfterMessage?: string;
  /** Frames (same form as filteredFrames) after which markerAtMessage is printed. */
  markerAtFrames?: string | readonly string[];
  /** Line printed after a markerAtFrames frame (default: an empty line). */
  markerAtMessage?: string;
  /** What starts the summary line; Atlassian's default `... ` gives `... 3 filtered`. */
  filterReplacementToken?: string;
  /** Told when a frames file cannot be found or read (filtering then goes on without it). */
  onWarning?: (message: string, option?: string) => void;
}

const DEFAULT_EVERYTHING_AFTER_MESSAGE = '\t\t(The rest of the stack trace has been filtered ...)';

/** Every value of a properties file, split on commas (Atlassian reads every key's value). */
function readFrameFile(name: string, options: StackFrameFilterOptions, option: string): string[] {
  const places = [...(options.resourceDirectory ? [options.resourceDirectory] : []), process.cwd()].map((dir) => resolve(dir, name));
  const file = places.find((place) => existsSync(place));
  const warn = (message: string): void => options.onWarning?.(message, option);
  if (file === undefined) {
    warn(`cannot find the filtered frames file "${name}" (looked for ${[...new Set(places)].join(' and ')}); its frames are not filtered`);
    return [];
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    warn(`cannot read the filtered frames file "${file}": ${(error as Error).message}; its frames are not filtered`);
    return [];
  }
  const doc = PropertiesDocument.parse(text, file);
  return doc.keys().flatMap((key) => splitList(doc.get(key) ?? ''));
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The configured frame list as plain entries (`@name` files read; see StackFrameFilterOptions). */
export function frameList(frames: string | readonly string[] | undefined, options: StackFrameFilterOptions = {}, option = 'filteredFrames'): string[] {
  if (frames === undefined) return [];
  const items = typeof frames === 'string' ? frames.split(',') : [...frames];
  const out: string[] = [];
  for (const raw of items) {
    const item = raw.trim();
    if (item === '') continue;
    if (item.startsWith('@')) out.push(...readFrameFile(item.slice(1).trim(), options, option));
    else out.push(item);
  }
  return out;
}

function frameIndent(line: string): string | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i > 0 && line.startsWith('at ', i) ? line.slice(0, i) : undefined;
}

/** `(file:line:col)` of a frame, for showEludedSummary. */
function callSite(frame: string): string | undefined {
  const inParentheses = /\(([^()]*:\d+(?::\d+)?)\)\s*$/.exec(frame);
  if (inParentheses) return `(${inParentheses[1]})`;
  const bare = /\bat\s+(\S+:\d+(?::\d+)?)\s*$/.exec(frame);
  return bare ? `(${bare[1]})` : undefined;
}

/**
 * Removes stack frames from the configured packages out of a rendered stack (text
 * ending with `eol`), as Atlassian's layout does: each run of left-out frames
 * becomes one `... N filtered` line at the frames' indent. Header lines
 * (`Error: ...`, `Caused by: ...`) always stay, and so do the first `minimumLines`
 * lines of the stack and of each `Caused by:` section.
 */
export function createStackFrameFilter(options: StackFrameFilterOptions, eol = '\n'): (stack: string) => string {
  const frames = frameList(options.filteredFrames, options, 'filteredFrames');
  const everythingAfter = frameList(options.filterEverythingAfterFrames, options, 'filterEverythingAfterFrames');
  const markerAt = frameList(options.markerAtFrames, options, 'markerAtFrames');
  const minimumLines = options.minimumLines ?? 6;
  if (!Number.isInteger(minimumLines) || minimumLines < 0) throw new Error(`Bad minimumLines ${minimumLines}: expected a whole number >= 0`);
  const summary = options.showEludedSummary === true;
  const token = options.filterReplacementToken || '... ';
  const everythingAfterMessage = options.filterEverythingAfterMessage || DEFAULT_EVERYTHING_AFTER_MESSAGE;
  const markerMessage = options.markerAtMessage ?? '';
  if (frames.length === 0 && everythingAfter.length === 0 && markerAt.length === 0) return (stack) => stack;
  const matches = (line: string, list: readonly string[]): boolean => list.length > 0 && list.some((entry) => line.includes(entry));
  return (stack) => {
    const lines = stack.split(eol);
    const trailing = lines[lines.length - 1] === '' ? lines.pop() : undefined;
    const out: string[] = [];
    let skipped = 0;
    let skippedIndent = '';
    let sites: string[] = [];
    let restLeftOut = false;
    let markerDue = false;
    const flush = (): void => {
      if (skipped > 0) out.push(`${skippedIndent}${token}${skipped} filtered${summary ? sites.map((s) => ' ' + s).join('') : ''}`);
      skipped = 0;
      sites = [];
    };
    let keepUntil = minimumLines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('Caused by:')) {
        flush();
        keepUntil = i + minimumLines;
        restLeftOut = false;
      }
      const indent = i < keepUntil ? undefined : frameIndent(line);
      if (indent !== undefined) {
        if (restLeftOut) continue;
        if (matches(line, everythingAfter)) {
          flush();
          out.push(everythingAfterMessage);
          restLeftOut = true;
          continue;
        }
        if (matches(line, frames)) {
          if (skipped === 0) skippedIndent = indent;
          skipped++;
          const site = summary ? callSite(line) : undefined;
          if (site) sites.push(site);
          continue;
        }
      }
      flush();
      if (markerDue) {
        out.push(markerMessage);
        markerDue = false;
      }
      out.push(line);
      if (indent !== undefined && matches(line, markerAt)) markerDue = true;
    }
    flush();
    const text = out.join(eol);
    return trailing === undefined || out.length === 0 ? text : text + eol;
  };
}
