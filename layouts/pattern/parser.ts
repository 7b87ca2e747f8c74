/**
 * Conversion patterns (`%d{ISO8601} [%t] %-5p %.16c - %m%n`) into tokens. Runs once
 * per pattern; the compiled layout never looks at the pattern text again.
 *
 * Three readings, chosen by the layout's style, because the originals read the same
 * text differently:
 * - `log4j` (log4j 1.2's PatternLayout) and `enhanced` (log4j's EnhancedPatternLayout)
 *   never refuse a pattern: what they cannot read (`%bogus`, `%, foo`, an unclosed
 *   `{`, a trailing `%-5`) is printed as written. log4j 1.2 reads `{...}` only after
 *   `%c %C %d %X` (and after this project's additions); after `%m`, `%p`, ... the
 *   braces are text.
 * - `logback` reads backslash escapes (`\(`, `\)`, `\%`, `\t`), composite groups
 *   (`%-30(%d [%t])`), option lists with quotes (`{'HH:mm:ss,SSS', UTC}`), prints an
 *   unknown word as `%PARSER_ERROR[word]`, and refuses what logback refuses (an
 *   unclosed `{` or `(`, a pattern ending in `%`, a malformed modifier).
 * - `log4j2` (Log4j 2's PatternLayout, for Log4j 2 configuration files) reads as
 *   `enhanced` does, except that the whole word must name a converter (`%notEmpty`
 *   is never `%n` followed by "otEmpty") and `{...}` options may nest, since Log4j 2's
 *   options are often patterns themselves (`%notEmpty{[%X{id}]}`). An unknown word is
 *   printed as written, options included, and reported.
 * What is accepted but looks like a mistake is reported through `warn`.
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

/** log4j 1.2's PatternLayout, log4j's EnhancedPatternLayout, logback's or Log4j 2's PatternLayout. */
export type PatternStyle = 'log4j' | 'enhanced' | 'logback' | 'log4j2';

export type PatternToken =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'conversion';
      readonly keyword: string;
      /** Each `{...}` group; logback-style `{a, b}` splits into several. */
      readonly options: readonly string[];
      readonly modifier: FormatModifier | undefined;
    }
  | {
      /** logback `%(...)` / `%-30(...)` (keyword '') or a named composite `%name(...)`. */
      readonly kind: 'composite';
      readonly keyword: string;
      readonly children: readonly PatternToken[];
      readonly options: readonly string[];
      readonly modifier: FormatModifier | undefined;
    };

export interface ParseOptions {
  /** True when `keyword` names a converter. */
  isKeyword(keyword: string): boolean;
  /** Default `log4j`. */
  readonly style?: PatternStyle;
  /** Earlier spelling of `style: 'logback'` (used when `style` is not given). */
  readonly splitOptionsOnComma?: boolean;
  /**
   * log4j style: false for keywords after which log4j 1.2 reads no `{...}` (its
   * braces are then printed). Default: every keyword reads options.
   */
  takesOptions?(keyword: string): boolean;
  /** logback style: composite keywords besides the bare group `%(...)`. */
  isComposite?(keyword: string): boolean;
  /** Told, once per problem, what was accepted but is probably not what the author meant. */
  warn?(message: string): void;
}

function isAsciiLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** EnhancedPatternLayout reads a converter name as a Java identifier. */
function isIdentifierPart(c: string | undefined): boolean {
  return isAsciiLetter(c) || isDigit(c) || c === '_';
}

/** logback: Character.isJavaIdentifierStart / isJavaIdentifierPart (ASCII). */
function isJavaIdentifierStart(c: string | undefined): boolean {
  return isAsciiLetter(c) || c === '_' || c === '$';
}

function isJavaIdentifierPart(c: string | undefined): boolean {
  return isJavaIdentifierStart(c) || isDigit(c);
}

/** Tokens under construction: literal text is merged until a conversion comes. */
class TokenList {
  readonly tokens: PatternToken[] = [];
  private literal = '';

  text(text: string): void {
    this.literal += text;
  }

  push(token: PatternToken): void {
    this.flush();
    this.tokens.push(token);
  }

  finish(): PatternToken[] {
    this.flush();
    return this.tokens;
  }

  private flush(): void {
    if (this.literal !== '') this.tokens.push({ kind: 'literal', text: this.literal });
    this.literal = '';
  }
}

/**
 * Parses `pattern`. A keyword is the longest run of letters that names a converter
 * (`%logger`, `%msg`), else its longest known prefix, so log4j 1.2 patterns such as
 * `%pfoo` keep meaning `%p` followed by `foo` (logback style: the whole word must be
 * a keyword). Throws only in logback style, for what logback refuses.
 */
export function parsePattern(pattern: string, options: ParseOptions): PatternToken[] {
  const style = options.style ?? (options.splitOptionsOnComma ? 'logback' : 'log4j');
  if (style === 'logback') return new LogbackParser(pattern, options).parse();
  return parseLog4j(pattern, options, style);
}

// ---------------------------------------------------------------------------
// log4j 1.2 PatternLayout and EnhancedPatternLayout

function parseLog4j(pattern: string, options: ParseOptions, style: 'log4j' | 'enhanced' | 'log4j2'): PatternToken[] {
  const enhanced = style !== 'log4j';
  const log4j2 = style === 'log4j2';
  const out = new TokenList();
  const warn = (message: string): void => options.warn?.(message);
  const takesOptions = options.takesOptions ?? (() => true);
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const percent = pattern.indexOf('%', i);
    if (percent < 0) {
      out.text(pattern.slice(i));
      break;
    }
    out.text(pattern.slice(i, percent));
    const start = percent;
    i = percent + 1;
    if (i >= n) {
      // log4j: the last character of a pattern is always text.
      out.text('%');
      break;
    }
    if (pattern[i] === '%') {
      out.text('%');
      i++;
      continue;
    }
    let leftAlign = false;
    let minWidth = 0;
    let maxWidth = Infinity;
    let truncateEnd = false;
    let hasModifier = false;
    while (pattern[i] === '-') {
      leftAlign = true;
      hasModifier = true;
      i++;
    }
    while (isDigit(pattern[i])) {
      hasModifier = true;
      minWidth = minWidth * 10 + Number(pattern[i++]);
    }
    if (pattern[i] === '.') {
      hasModifier = true;
      i++;
      // `.-N` (keep the first N) is this project's addition; log4j knows only `.N`.
      if (pattern[i] === '-' && isDigit(pattern[i + 1])) {
        truncateEnd = true;
        i++;
      }
      if (!isDigit(pattern[i])) {
        if (i >= n) {
          warn(`incomplete conversion "${pattern.slice(start)}" at the end, printed as written as log4j does`);
          out.text(pattern.slice(start));
          break;
        }
        // log4j: "Was expecting digit"; what was read, this character included, is text.
        warn(`bad format modifier "${pattern.slice(start, i + 1)}" at position ${start} ('.' must be followed by a number), printed as written as log4j does`);
        out.text(pattern.slice(start, i + 1));
        i++;
        continue;
      }
      maxWidth = 0;
      while (isDigit(pattern[i])) maxWidth = maxWidth * 10 + Number(pattern[i++]);
    }
    if (i >= n) {
      warn(`incomplete conversion "${pattern.slice(start)}" at the end, printed as written as log4j does`);
      out.text(pattern.slice(start));
      break;
    }
    let wordEnd = i;
    if (isAsciiLetter(pattern[i])) {
      wordEnd++;
      while (enhanced ? isIdentifierPart(pattern[wordEnd]) : isAsciiLetter(pattern[wordEnd])) wordEnd++;
    }
    const word = pattern.slice(i, wordEnd);
    let keyword = '';
    if (log4j2) {
      if (!options.isKeyword(word)) {
        const afterOptions = skipNestedOptions(pattern, word === '' ? i + 1 : wordEnd);
        const text = pattern.slice(start, afterOptions);
        warn(`unknown conversion "%${word || pattern[i]}" at position ${start}: logwarden has no such Log4j 2 converter; "${text}" is printed as written`);
        out.text(text);
        i = afterOptions;
        continue;
      }
      keyword = word;
    } else {
      for (let len = word.length; len > 0; len--) {
        if (isAsciiLetter(word[len - 1]) && options.isKeyword(word.slice(0, len))) {
          keyword = word.slice(0, len);
          break;
        }
      }
    }
    if (keyword === '') {
      if (enhanced) {
        // EnhancedPatternLayout prints '%', the modifier and the whole word, and drops its options.
        const textEnd = word === '' ? i + 1 : wordEnd;
        const afterOptions = skipClosedOptions(pattern, textEnd);
        const text = pattern.slice(start, textEnd);
        warn(`unknown conversion "${text}" at position ${start}, printed as written as log4j does${afterOptions > textEnd ? ` (without its option ${pattern.slice(textEnd, afterOptions)})` : ''}`);
        out.text(text);
        i = afterOptions;
      } else {
        // log4j 1.2 prints '%', the modifier and one character; what follows is text again.
        const text = pattern.slice(start, i + 1);
        warn(`unknown conversion "${pattern.slice(start, Math.max(wordEnd, i + 1))}" at position ${start}, printed as written as log4j does`);
        out.text(text);
        i++;
      }
      continue;
    }
    const modifier = hasModifier ? { minWidth, maxWidth, leftAlign, truncateEnd } : undefined;
    // EnhancedPatternLayout reads options after the whole word (`%more{x}`: %m with {x}, then "ore").
    const rest = enhanced ? word.slice(keyword.length) : '';
    i = enhanced ? wordEnd : i + keyword.length;
    const groups: string[] = [];
    if (log4j2) {
      while (pattern[i] === '{') {
        const close = closingBrace(pattern, i);
        if (close < 0) {
          warn(`unclosed "{" after "%${keyword}" at position ${i}; "${pattern.slice(i)}" is printed as text`);
          break;
        }
        groups.push(pattern.slice(i + 1, close));
        i = close + 1;
      }
    } else if (enhanced || takesOptions(keyword)) {
      while (pattern[i] === '{') {
        const close = pattern.indexOf('}', i + 1);
        if (close < 0) {
          warn(`unclosed "{" after "%${keyword}" at position ${i}; log4j prints "${pattern.slice(i)}" as text`);
          break;
        }
        groups.push(pattern.slice(i + 1, close));
        i = close + 1;
      }
    } else if (pattern[i] === '{') {
      const close = pattern.indexOf('}', i + 1);
      if (close < 0) warn(`unclosed "{" after "%${keyword}" at position ${i}; log4j prints "${pattern.slice(i)}" as text`);
      else warn(`%${keyword} takes no option in log4j 1.2: "${pattern.slice(i, close + 1)}" at position ${i} is printed as text`);
    }
    out.push({ kind: 'conversion', keyword, options: groups, modifier });
    if (rest !== '') out.text(rest);
  }
  return out.finish();
}

/** Past every closed `{...}` group at `i`. */
function skipClosedOptions(pattern: string, i: number): number {
  while (pattern[i] === '{') {
    const close = pattern.indexOf('}', i + 1);
    if (close < 0) break;
    i = close + 1;
  }
  return i;
}

/** Log4j 2: the `}` matching the `{` at `open`, counting nested braces; -1 when unclosed. */
function closingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let j = open; j < pattern.length; j++) {
    if (pattern[j] === '{') depth++;
    else if (pattern[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

/** Past every closed, possibly nested, `{...}` group at `i`. */
function skipNestedOptions(pattern: string, i: number): number {
  while (pattern[i] === '{') {
    const close = closingBrace(pattern, i);
    if (close < 0) break;
    i = close + 1;
  }
  return i;
}

// ---------------------------------------------------------------------------
// logback

/** Reads a pattern as logback's TokenStream, OptionTokenizer and Parser do. */
class LogbackParser {
  private i = 0;
  private readonly n: number;

  constructor(
    private readonly pattern: string,
    private readonly options: ParseOptions,
  ) {
    this.n = pattern.length;
  }

  parse(): PatternToken[] {
    return this.sequence(false);
  }

  private fail(message: string): never {
    throw new Error(`${message} in pattern "${this.pattern}" (logback refuses it too)`);
  }

  private warn(message: string): void {
    this.options.warn?.(message);
  }

  /** Tokens up to the end, or up to the `)` closing a composite (consumed). */
  private sequence(inComposite: boolean): PatternToken[] {
    const out = new TokenList();
    const { pattern, n } = this;
    while (this.i < n) {
      const c = pattern[this.i]!;
      if (c === '\\') {
        this.escape(out);
        continue;
      }
      if (c === ')') {
        if (inComposite) {
          this.i++;
          return out.finish();
        }
        this.warn(`unmatched ")" at position ${this.i}: logback stops reading the pattern there and leaves out "${pattern.slice(this.i)}" (write \\) to print a parenthesis)`);
        this.i = n;
        break;
      }
      if (c !== '%') {
        out.text(c);
        this.i++;
        continue;
      }
      this.conversion(out);
    }
    if (inComposite) this.fail('Missing ")" closing a composite "%(...)"');
    return out.finish();
  }

  /** `\(`, `\)`, `\%`, `\\`, `\t`, `\r`, `\n`; `\_` separates a keyword from letters and prints nothing. */
  private escape(out: TokenList): void {
    const at = this.i;
    this.i++;
    if (this.i >= this.n) return; // logback drops a trailing lone backslash
    const next = this.pattern[this.i++]!;
    if (next === '%' || next === '(' || next === ')' || next === '\\') out.text(next);
    else if (next === 't') out.text('\t');
    else if (next === 'r') out.text('\r');
    else if (next === 'n') out.text('\n');
    else if (next === '_') return;
    else {
      this.warn(`"\\${next}" at position ${at} is no escape logback knows (it refuses the pattern), printed as written`);
      out.text('\\' + next);
    }
  }

  private conversion(out: TokenList): void {
    const { pattern, n } = this;
    const start = this.i;
    this.i++;
    if (pattern[this.i] === '%') {
      // logback wants `\%`; `%%` is read as a percent sign as log4j does.
      out.text('%');
      this.i++;
      return;
    }
    const modifierStart = this.i;
    while (this.i < n && !isJavaIdentifierStart(pattern[this.i]) && pattern[this.i] !== '(') this.i++;
    if (this.i >= n) this.fail(`Incomplete conversion "${pattern.slice(start)}" at the end`);
    const modifierText = pattern.slice(modifierStart, this.i);
    const modifier = modifierText === '' ? undefined : this.modifier(modifierText, start);
    let keyword = '';
    if (pattern[this.i] !== '(') {
      const wordStart = this.i;
      while (isJavaIdentifierPart(pattern[this.i])) this.i++;
      keyword = pattern.slice(wordStart, this.i);
    }
    if (pattern[this.i] === '(') {
      this.i++;
      const children = this.sequence(true);
      const groups = pattern[this.i] === '{' ? this.optionList() : [];
      if (keyword === '' || this.options.isComposite?.(keyword)) {
        out.push({ kind: 'composite', keyword, children, options: groups, modifier });
      } else {
        this.warn(`unknown composite conversion "%${keyword}(...)" at position ${start}, printed as %PARSER_ERROR[${keyword}] as logback does`);
        out.text(`%PARSER_ERROR[${keyword}]`);
      }
      return;
    }
    const groups = pattern[this.i] === '{' ? this.optionList() : [];
    if (this.options.isKeyword(keyword)) {
      out.push({ kind: 'conversion', keyword, options: groups, modifier });
    } else {
      this.warn(`unknown conversion "%${keyword}" at position ${start}, printed as %PARSER_ERROR[${keyword}] as logback does`);
      out.text(`%PARSER_ERROR[${keyword}]`);
    }
  }

  /** logback's FormatInfo: `5`, `-5`, `.7`, `.-7`, `5.7`, `-5.-7`. */
  private modifier(text: string, start: number): FormatModifier {
    const dot = text.indexOf('.');
    const minText = dot < 0 ? text : text.slice(0, dot);
    const maxText = dot < 0 ? undefined : text.slice(dot + 1);
    const integer = /^[-+]?\d+$/;
    if ((minText !== '' && !integer.test(minText)) || (maxText !== undefined && !integer.test(maxText))) {
      this.fail(`Bad format modifier "${text}" at position ${start}`);
    }
    const min = minText === '' ? 0 : Number(minText);
    const max = maxText === undefined ? Infinity : Number(maxText);
    return { minWidth: Math.abs(min), leftAlign: min < 0, maxWidth: Math.abs(max), truncateEnd: max < 0 };
  }

  /**
   * logback's OptionTokenizer, at `{`: options separated by commas, blanks around
   * them dropped; an option may be quoted with ' or " (a comma or `}` inside is
   * text, a backslash keeps the next character as it is).
   */
  private optionList(): string[] {
    const { pattern, n } = this;
    const open = this.i;
    this.i++;
    const list: string[] = [];
    let state: 'expecting' | 'raw' | 'quoted' = 'expecting';
    let quote = '';
    let buf = '';
    while (this.i < n) {
      const c = pattern[this.i++]!;
      if (state === 'expecting') {
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',') continue;
        if (c === "'" || c === '"') {
          state = 'quoted';
          quote = c;
        } else if (c === '}') {
          return list;
        } else {
          buf = c;
          state = 'raw';
        }
      } else if (state === 'raw') {
        if (c === ',' || c === '}') {
          list.push(buf.trim());
          buf = '';
          state = 'expecting';
          if (c === '}') return list;
        } else {
          buf += c;
        }
      } else if (c === quote) {
        list.push(buf);
        buf = '';
        state = 'expecting';
      } else if (c === '\\' && this.i < n) {
        buf += c + pattern[this.i++]!;
      } else {
        buf += c;
      }
    }
    return this.fail(`Unclosed "{" at position ${open}`);
  }
}
