import type { ConverterFactory } from './converter.js';

function lineLimit(option: string | undefined, keyword: string): number {
  if (option === undefined) return Infinity;
  const text = option.trim().toLowerCase();
  if (text === '' || text === 'full') return Infinity;
  if (text === 'none') return 0;
  if (text === 'short') return 1;
  if (/^-?\d+$/.test(text)) return Number(text);
  throw new Error(`Bad option {${option}} for %${keyword}: expected full, short, none or a number of lines`);
}

/**
 * `%throwable`, `%throwable{n}` (first n lines), `%throwable{-n}` (all but the last
 * n), `{short}`, `{none}`; logback's `%ex` / `%exception` likewise. Prints nothing
 * when the event has no error. A pattern containing it gets no stack appended.
 */
export const throwable: ConverterFactory = (options, context, keyword) => {
  const limit = lineLimit(options[0], keyword);
  const render = context.renderThrowable;
  const eol = context.lineSeparator;
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
