/**
 * Shortening dotted names (logger and class names) the ways log4j, log4j's
 * EnhancedPatternLayout, Atlassian and logback do it. Each abbreviator remembers its
 * results per name: loggers are few and long-lived, events are many.
 */
import type { PatternStyle } from './parser.js';

export type NameAbbreviator = (name: string) => string;

/** Past this many distinct names the cache starts over, so odd callers cannot grow it without bound. */
const CACHE_LIMIT = 10_000;

function cached(compute: NameAbbreviator): NameAbbreviator {
  const cache = new Map<string, string>();
  return (name) => {
    let value = cache.get(name);
    if (value === undefined) {
      value = compute(name);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(name, value);
    }
    return value;
  };
}

/**
 * log4j `%c{n}`: the rightmost n dot-separated components. Counting starts before
 * the last character, so a name ending in a dot keeps it (`%c{1}` of
 * `org.example.foo.` is `foo.`, as in log4j). n = 0 gives '' (EnhancedPatternLayout;
 * log4j 1.2's PatternLayout prints the whole name instead, see nameAbbreviator).
 */
export function rightmostComponents(name: string, n: number): string {
  let end = name.length - 1;
  for (let i = n; i > 0; i--) {
    end = end > 0 ? name.lastIndexOf('.', end - 1) : -1;
    if (end < 0) return name;
  }
  return name.slice(end + 1);
}

/** EnhancedPatternLayout `%c{-n}`: drop the leftmost n components. */
export function dropLeadingComponents(name: string, n: number): string {
  let start = -1;
  for (let i = 0; i < n; i++) {
    start = name.indexOf('.', start + 1);
    if (start < 0) return name;
  }
  return name.slice(start + 1);
}

/**
 * Atlassian `%q{N}` / `%Q{N}`: the last N package segments stay whole, the class
 * name (last segment) always stays whole, every other segment becomes its first
 * letter. `com.atlassian.pats.web.filter.TokenBasedAuthenticationFilter` with 2 is
 * `c.a.p.web.filter.TokenBasedAuthenticationFilter`.
 */
export function collapsePackages(name: string, keep: number): string {
  const parts = name.split('.');
  const collapseCount = parts.length - 1 - keep;
  if (collapseCount <= 0) return name;
  for (let i = 0; i < collapseCount; i++) parts[i] = parts[i]!.slice(0, 1);
  return parts.join('.');
}

/**
 * logback `%logger{N}`: from the left, package segments are cut to their first
 * letter until the whole name fits N characters; the class name is never cut, so
 * the result can stay longer than N. N = 0 gives the class name alone. A name of
 * exactly N characters stays whole, as in logback's manual (`%logger{26}` of the
 * 26-character `mainPackage.sub.sample.Bar`) and logback 1.2, which Bitbucket ships;
 * logback 1.3 and later cut its first segment.
 */
export function abbreviateToLength(name: string, target: number): string {
  if (target === 0) return name.slice(name.lastIndexOf('.') + 1);
  if (name.length <= target) return name;
  const parts = name.split('.');
  let excess = name.length - target;
  for (let i = 0; i < parts.length - 1 && excess > 0; i++) {
    const part = parts[i]!;
    if (part.length > 1) {
      excess -= part.length - 1;
      parts[i] = part.slice(0, 1);
    }
  }
  return parts.join('.');
}

interface Fragment {
  readonly keep: number;
  readonly ellipsis: string;
}

/**
 * Reads an abbreviation pattern as log4j's NameAbbreviator does: one fragment per
 * dot-separated part, each a single digit or '*' (characters kept; anything else
 * keeps none) optionally followed by one ellipsis character. `1.` keeps one
 * character, `1~.` adds '~', `12.` keeps one and adds '2'.
 */
function parseFragments(option: string): Fragment[] {
  const text = option.trim();
  const fragments: Fragment[] = [];
  let pos = 0;
  while (pos < text.length) {
    let ellipsisAt = pos;
    let keep = 0;
    const c = text[pos]!;
    if (c === '*') {
      keep = Infinity;
      ellipsisAt++;
    } else if (c >= '0' && c <= '9') {
      keep = Number(c);
      ellipsisAt++;
    }
    const e = text[ellipsisAt];
    fragments.push({ keep, ellipsis: e === undefined || e === '.' ? '' : e });
    const dot = text.indexOf('.', pos);
    if (dot < 0) break;
    pos = dot + 1;
  }
  return fragments;
}

/**
 * EnhancedPatternLayout `%c{1.}`, `%c{1.1.~.~}`, `%c{.}`: every component but the
 * last is cut by the fragment at its position (the last fragment repeats); a cut
 * component gets the fragment's ellipsis character.
 */
export function fragmentAbbreviator(option: string): NameAbbreviator {
  const fragments = parseFragments(option);
  if (fragments.length === 0) return (name) => name;
  const last = fragments.length - 1;
  return (name) => {
    const parts = name.split('.');
    for (let i = 0; i < parts.length - 1; i++) {
      const fragment = fragments[Math.min(i, last)]!;
      const part = parts[i]!;
      if (part.length > fragment.keep) parts[i] = part.slice(0, fragment.keep) + fragment.ellipsis;
    }
    return parts.join('.');
  };
}

/** A whole number as Java's Integer.parseInt reads it (no blanks). */
function parseInteger(text: string): number | undefined {
  return /^[-+]?\d+$/.test(text) ? Number(text) : undefined;
}

type Warn = ((message: string) => void) | undefined;

/**
 * The abbreviator for a `%c` / `%C` / `%logger` option, as the layout's style
 * reads it; undefined prints the name unchanged. Nothing is refused: an option the
 * original cannot use prints the whole name, as it does, and is reported to `warn`.
 * - `log4j` (1.2's PatternLayout): a positive n keeps the rightmost n components;
 *   0, a negative number or text print the whole name. A pattern with a dot (`1.`)
 *   abbreviates as in EnhancedPatternLayout, which 1.2 cannot do.
 * - `enhanced` and `log4j2` (NameAbbreviator): n >= 0 keeps the rightmost n (0: nothing), -n
 *   drops the leftmost n, anything else is a fragment pattern.
 * - `logback` (NamedConverter): n > 0 shortens to n characters, 0 keeps the class
 *   name, a negative number prints the whole name, text is an error and prints it whole.
 */
export function nameAbbreviator(option: string | undefined, style: PatternStyle, what: string, warn?: Warn): NameAbbreviator | undefined {
  if (option === undefined) return undefined;
  // Log4j 2's NameAbbreviator is the one EnhancedPatternLayout took back.
  if (style === 'enhanced' || style === 'log4j2') {
    const trimmed = option.trim();
    if (trimmed === '') return undefined;
    if (/^-?\d*$/.test(trimmed)) {
      if (trimmed === '-') {
        warn?.(`bad option {${option}} for ${what}: log4j cannot read it as a number; the whole name is printed`);
        return undefined;
      }
      const n = Number(trimmed);
      return n >= 0 ? cached((name) => rightmostComponents(name, n)) : cached((name) => dropLeadingComponents(name, -n));
    }
    return cached(fragmentAbbreviator(trimmed));
  }
  if (style === 'logback') {
    const n = parseInteger(option.trim());
    if (n === undefined) {
      if (option.trim() !== '') warn?.(`bad option {${option}} for ${what}: logback reads only a number there and prints the whole name`);
      return undefined;
    }
    if (n < 0) return undefined;
    if (n === 0) return cached(lastComponent);
    return cached((name) => abbreviateToLength(name, n));
  }
  const n = parseInteger(option);
  if (n !== undefined) {
    if (n > 0) return cached((name) => rightmostComponents(name, n));
    warn?.(`option {${option}} for ${what} is not a positive precision: log4j 1.2's PatternLayout prints the whole name (EnhancedPatternLayout would not)`);
    return undefined;
  }
  if (option.trim() === '') return undefined;
  if (option.includes('.')) return cached(fragmentAbbreviator(option));
  warn?.(`bad option {${option}} for ${what}: log4j 1.2 expects a positive number and prints the whole name`);
  return undefined;
}

/** logback `%logger{0}`: the part after the last dot. */
function lastComponent(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** `%q{N}` / `%Q{N}`; no option keeps no package segment whole. A bad option prints the whole name. */
export function collapsingAbbreviator(option: string | undefined, what: string, warn?: Warn): NameAbbreviator {
  const text = option?.trim() ?? '';
  const keep = text === '' ? 0 : parseInteger(text);
  if (keep === undefined || keep < 0) {
    warn?.(`bad option {${option}} for ${what}: expected a number of package segments to keep; the whole name is printed`);
    return (name) => name;
  }
  return cached((name) => collapsePackages(name, keep));
}
