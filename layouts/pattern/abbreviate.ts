/**
 * Shortening dotted names (logger and class names) the ways log4j, log4j's
 * EnhancedPatternLayout, Atlassian and logback do it. Each abbreviator remembers its
 * results per name: loggers are few and long-lived, events are many.
 */

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

/** log4j `%c{n}`: the rightmost n dot-separated components (n = 0: the last one). */
export function rightmostComponents(name: string, n: number): string {
  let end = name.length;
  for (let i = Math.max(n, 1); i > 0; i--) {
    end = name.lastIndexOf('.', end - 1);
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
 * the result can stay longer than N. N = 0 gives the class name alone.
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

function parseFragments(option: string): Fragment[] {
  const texts = option.split('.');
  if (option.endsWith('.')) texts.pop();
  return texts.map((text) => {
    let i = 0;
    let keep = 0;
    if (text[0] === '*') {
      keep = Infinity;
      i = 1;
    } else {
      while (i < text.length && text[i]! >= '0' && text[i]! <= '9') keep = keep * 10 + Number(text[i++]);
    }
    const ellipsis = text.slice(i);
    if (ellipsis.length > 1) {
      throw new Error(`Bad abbreviation "${option}": fragment "${text}" must be a number or '*' optionally followed by one character`);
    }
    return { keep, ellipsis };
  });
}

/**
 * EnhancedPatternLayout `%c{1.}`, `%c{1.1.~.~}`, `%c{.}`: every component but the
 * last is cut by the fragment at its position (the last fragment repeats); a cut
 * component gets the fragment's ellipsis character.
 */
export function fragmentAbbreviator(option: string): NameAbbreviator {
  const fragments = parseFragments(option);
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

function parseInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

/**
 * The abbreviator for a `%c` / `%C` / `%logger` option. Integers mean the rightmost
 * n components in log4j style, or a target length in logback style; a negative
 * integer drops leading components; a pattern with dots is a fragment pattern.
 * Returns undefined for no option (the name unchanged). Throws on anything else.
 */
export function nameAbbreviator(option: string | undefined, style: 'log4j' | 'logback', what: string): NameAbbreviator | undefined {
  if (option === undefined || option.trim() === '') return undefined;
  const n = parseInteger(option);
  if (n !== undefined) {
    if (n < 0) return cached((name) => dropLeadingComponents(name, -n));
    if (style === 'logback') return cached((name) => abbreviateToLength(name, n));
    return cached((name) => rightmostComponents(name, n));
  }
  if (option.includes('.')) return cached(fragmentAbbreviator(option.trim()));
  throw new Error(`Bad option {${option}} for ${what}: expected a number or an abbreviation pattern such as 1.`);
}

/** `%q{N}` / `%Q{N}`; no option keeps no package segment whole. */
export function collapsingAbbreviator(option: string | undefined, what: string): NameAbbreviator {
  const keep = option === undefined || option.trim() === '' ? 0 : parseInteger(option);
  if (keep === undefined || keep < 0) throw new Error(`Bad option {${option}} for ${what}: expected a number of package segments to keep`);
  return cached((name) => collapsePackages(name, keep));
}
