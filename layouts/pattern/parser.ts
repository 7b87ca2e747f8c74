/**
 * Conversion patterns (`%d{ISO8601} [%t] %-5p %.16c - %m%n`) into tokens. Runs once
 * per pattern; the compiled layout never looks at the pattern text again.
 */

/** Width and truncation from `%-20.30c`, `%.16c`, `%.-10m`. */
export interface FormatModifier {
  /** Pad to at least this many characters (0 = no padding). */
  readonly minWidth: number;
  /** Cut to at most this many characters (Infinity = no limit). */
  readonly maxWidth: number;
  /** `-`: pad on the right instead of the left. */
  readonly leftAlign: boolean;
  /** `.-N`: keep the first N characters (log4j keeps the last N). */
  readonly truncateEnd: boolean;
}

export type PatternToken =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'conversion';
      readonly keyword: string;
      /** Each `{...}` group; logback-style `{a, b}` splits into several. */
      readonly options: readonly string[];
      readonly modifier: FormatModifier | undefined;
    };

export interface ParseOptions {
  /** True when `keyword` names a converter. */
  isKeyword(keyword: string): boolean;
  /** logback reads `{a, "b,c"}` as two options; log4j keeps braces verbatim. */
  readonly splitOptionsOnComma?: boolean;
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function splitOnComma(option: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  const push = (): void => {
    const part = current.trim();
    out.push(part.length >= 2 && part.startsWith('"') && part.endsWith('"') ? part.slice(1, -1) : part);
    current = '';
  };
  for (const c of option) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) push();
    else current += c;
  }
  push();
  return out;
}

/**
 * Parses `pattern`. A keyword is the longest run of letters that names a converter
 * (`%logger`, `%msg`), else its longest known prefix, so log4j 1.2 patterns such as
 * `%pfoo` keep meaning `%p` followed by `foo`. Throws an Error naming the unknown
 * conversion and the pattern, or an unclosed `{`.
 */
export function parsePattern(pattern: string, options: ParseOptions): PatternToken[] {
  const tokens: PatternToken[] = [];
  let literal = '';
  let i = 0;
  const flushLiteral = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c !== '%') {
      literal += c;
      i++;
      continue;
    }
    const start = i;
    i++;
    if (i >= pattern.length) {
      // log4j prints a trailing lone '%' as itself.
      literal += '%';
      break;
    }
    if (pattern[i] === '%') {
      literal += '%';
      i++;
      continue;
    }
    let leftAlign = false;
    let minWidth = 0;
    let maxWidth = Infinity;
    let truncateEnd = false;
    let hasModifier = false;
    if (pattern[i] === '-') {
      leftAlign = true;
      hasModifier = true;
      i++;
    }
    if (isDigit(pattern[i])) {
      hasModifier = true;
      let n = 0;
      while (isDigit(pattern[i])) n = n * 10 + Number(pattern[i++]);
      minWidth = n;
    }
    if (pattern[i] === '.') {
      hasModifier = true;
      i++;
      if (pattern[i] === '-') {
        truncateEnd = true;
        i++;
      }
      if (!isDigit(pattern[i])) {
        throw new Error(`Bad format modifier "${pattern.slice(start, i + 1)}" at position ${start} in pattern "${pattern}": '.' must be followed by a number`);
      }
      let n = 0;
      while (isDigit(pattern[i])) n = n * 10 + Number(pattern[i++]);
      maxWidth = n;
    }
    let end = i;
    while (isAsciiLetter(pattern[end])) end++;
    const word = pattern.slice(i, end);
    let keyword = '';
    for (let len = word.length; len > 0; len--) {
      if (options.isKeyword(word.slice(0, len))) {
        keyword = word.slice(0, len);
        break;
      }
    }
    if (keyword === '') {
      if (i >= pattern.length) throw new Error(`Incomplete conversion "${pattern.slice(start)}" at the end of pattern "${pattern}"`);
      throw new Error(`Unknown conversion "%${word === '' ? pattern[i] : word}" at position ${start} in pattern "${pattern}"`);
    }
    i += keyword.length;
    const groups: string[] = [];
    while (pattern[i] === '{') {
      const close = pattern.indexOf('}', i + 1);
      if (close < 0) throw new Error(`Unclosed "{" after "%${keyword}" at position ${i} in pattern "${pattern}"`);
      const body = pattern.slice(i + 1, close);
      if (options.splitOptionsOnComma) groups.push(...splitOnComma(body));
      else groups.push(body);
      i = close + 1;
    }
    flushLiteral();
    tokens.push({
      kind: 'conversion',
      keyword,
      options: groups,
      modifier: hasModifier ? { minWidth, maxWidth, leftAlign, truncateEnd } : undefined,
    });
  }
  flushLiteral();
  return tokens;
}
