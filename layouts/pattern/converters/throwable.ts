import type { ConverterFactory, CompileContext } from './converter.js';

/** log4j's ThrowableInformationPatternConverter: how many lines of the stack to print. */
function log4jLineLimit(option: string | undefined, keyword: string, context: CompileContext): number {
  if (option === undefined) return Infinity;
  const text = option.trim().toLowerCase();
  if (text === '' || text === 'full') return Infinity;
  if (text === 'none') return 0;
  if (text === 'short') return 1;
  if (/^-?\d+$/.test(text)) return Number(text);
  context.warn?.(`bad option {${option}} for %${keyword}: expected full, short, none or a number of lines; the whole stack is printed, as log4j does`);
  return Infinity;
}

/** logback's ThrowableProxyConverter: how many frames of each throwable to print. */
function logbackFrameLimit(option: string | undefined, keyword: string, context: CompileContext): number {
  if (option === undefined) return Infinity;
  const text = option.toLowerCase();
  if (text === 'full') return Infinity;
  if (text === 'short') return 1;
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  context.warn?.(`bad option {${option}} for %${keyword}: logback expects full, short or a number of frames and prints the whole stack`);
  return Infinity;
}

const FRAME = /^\s+at /;

/**
 * A rendered stack as logback prints it with `%ex{N, skip1, skip2}`: every header
 * line (`Error: ...`, `Caused by: ...`) and, after each, at most `maxFrames` of that
 * throwable's frames. Frames containing one of `skipped` are left out and counted:
 * the next printed frame ends with ` [N skipped]` (a line of its own when none follows),
 * and they do not count towards `maxFrames`.
 */
export function logbackStack(stack: string, eol: string, maxFrames: number, skipped: readonly string[]): string {
  const lines = stack.split(eol);
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && !FRAME.test(lines[i]!)) out.push(lines[i++]!);
    const frames: string[] = [];
    while (i < lines.length && FRAME.test(lines[i]!)) frames.push(lines[i++]!);
    let end = maxFrames > frames.length ? frames.length : Math.max(0, maxFrames);
    let count = 0;
    for (let k = 0; k < end; k++) {
      const frame = frames[k]!;
      if (skipped.some((text) => frame.includes(text))) {
        count++;
        if (end < frames.length) end++;
        continue;
      }
      out.push(count > 0 ? `${frame} [${count} skipped]` : frame);
      count = 0;
    }
    if (count > 0) out.push(` [${count} skipped]`);
  }
  return out.length === 0 ? '' : out.join(eol) + eol;
}

/**
 * `%throwable`, `%ex`, `%exception`; prints nothing when the event has no error. A
 * pattern containing it gets no stack appended.
 * - log4j styles (EnhancedPatternLayout): `{n}` the first n lines, `{-n}` all but
 *   the last n, `{short}` the first line, `{none}` nothing.
 * - logback style (ThrowableProxyConverter): `{n}` every header line and the first n
 *   frames of each throwable in the cause chain, `{short}` one frame, `{full}` all;
 *   further options name frames to skip (`%ex{full, node_modules}`).
 */
export const throwable: ConverterFactory = (options, context, keyword) => {
  const render = context.renderThrowable;
  const eol = context.lineSeparator;
  if (context.style === 'logback') {
    const maxFrames = logbackFrameLimit(options[0], keyword, context);
    const skipped = options.slice(1).filter((text) => text !== '');
    if (maxFrames === Infinity && skipped.length === 0) {
      return { handlesThrowable: true, trusted: true, format: (e) => (e.error ? render(e, e.error) : '') };
    }
    return { handlesThrowable: true, trusted: true, format: (e) => (e.error ? logbackStack(render(e, e.error), eol, maxFrames, skipped) : '') };
  }
  const limit = log4jLineLimit(options[0], keyword, context);
  if (limit === Infinity) {
    return { handlesThrowable: true, trusted: true, format: (e) => (e.error ? render(e, e.error) : '') };
  }
  return {
    handlesThrowable: true,
    trusted: true,
    format: (e) => {
      if (!e.error || limit === 0) return '';
      const lines = render(e, e.error).split(eol);
      lines.pop(); // the text ends with a separator
      const kept = limit > 0 ? lines.slice(0, limit) : lines.slice(0, Math.max(0, lines.length + limit));
      return kept.length === 0 ? '' : kept.join(eol) + eol;
    },
  };
};

/** logback `%nopex`: prints nothing and stops the layout from appending the stack. */
export const noThrowable: ConverterFactory = () => ({ handlesThrowable: true, trusted: true, format: () => '' });
