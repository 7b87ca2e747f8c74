/**
 * How Log4j 2 and logback write a `${...}` reference, read the same way by the
 * load-time substitution (Substitution, xmlSubstitution) and the run-time lookups
 * of a Routes pattern (compileEventText), so the two cannot drift apart on what a
 * reference or its default is.
 */

/** Index of the `}` closing the `${` at `open`, counting the `${` opened in between; -1 if none. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** The text between `${` and `}`, taken apart. */
export interface ReferenceParts {
  /** Everything before `:-`: `env:HOME`. */
  readonly head: string;
  /** `env` in `env:HOME`; undefined for a plain `name`. */
  readonly prefix: string | undefined;
  /** `HOME` in `env:HOME`; the whole head for a plain `name`. */
  readonly key: string;
  /** What follows the first `:-`, undefined without one. */
  readonly fallback: string | undefined;
}

/** `env:HOME:-/tmp` -> prefix env, key HOME, fallback /tmp. */
export function splitReference(inner: string): ReferenceParts {
  const dash = inner.indexOf(':-');
  const head = dash < 0 ? inner : inner.slice(0, dash);
  const fallback = dash < 0 ? undefined : inner.slice(dash + 2);
  const colon = head.indexOf(':');
  if (colon < 0) return { head, prefix: undefined, key: head, fallback };
  return { head, prefix: head.slice(0, colon), key: head.slice(colon + 1), fallback };
}
