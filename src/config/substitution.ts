import { errorAt, type SourcePosition } from './configuration-error.js';
import { closingBrace } from './variable-reference.js';

/** Where `${name}` finds its value, in this order. */
export interface SubstitutionSources {
  /** Entries of the configuration file itself. */
  file(name: string): string | undefined;
  /** Usually process.env. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Supplied by the caller of `configure`. */
  supplied: Readonly<Record<string, string>>;
}

export interface SubstitutionLimits {
  /** Longest text one value, or one variable, may expand to. */
  readonly maxValueLength: number;
  /** Most text all substitutions of one configuration may insert together. */
  readonly maxTotalInserted: number;
}

/**
 * No sane value comes near these: a conversion pattern or a file path is a few
 * hundred characters. They stop a file like `a2=${a1}${a1}`, `a3=${a2}${a2}`, ...
 * from doubling its way into gigabytes on the event loop.
 */
export const DEFAULT_SUBSTITUTION_LIMITS: SubstitutionLimits = {
  maxValueLength: 64 * 1024,
  maxTotalInserted: 16 * 1024 * 1024,
};

const MAX_DEPTH = 32;

/** How `${...}` is written where log4j 1.2's reading is not the whole story. */
export interface SubstitutionSyntax {
  /**
   * A name runs to the `}` that closes its `${` (Log4j 2 and logback), so a default
   * can itself be a reference: `${sys:a:-${env:B:-c}}`. Without it the name runs to
   * the first `}`, as in log4j 1.2.
   */
  readonly nested?: boolean;
  /** Log4j 2's `$${name}`: kept as `${name}` for a lookup at run time, not substituted. */
  readonly dollarEscape?: boolean;
}

/**
 * Replaces `${name}` as log4j 1.2's OptionConverter.substVars does: the name runs to
 * the first `}` (to its own closing brace with `syntax.nested`), a name found nowhere becomes the empty string, an opening `${`
 * without a closing brace is an error. Values from the file and the supplied map
 * are substituted in turn (`x2=${x1}`); environment values are taken literally, so
 * the environment cannot inject configuration syntax. Cycles are an error, not a
 * stack overflow. Run at load time only, never on logged messages.
 *
 * One instance serves one load: each variable is expanded once and remembered, so
 * the work is bounded by the text produced, and that is bounded by the limits.
 */
export class Substitution {
  private readonly expanded = new Map<string, string>();
  private inserted = 0;

  constructor(
    private readonly sources: SubstitutionSources,
    private readonly limits: SubstitutionLimits = DEFAULT_SUBSTITUTION_LIMITS,
    private readonly syntax: SubstitutionSyntax = {},
  ) {}

  /** `value` with every `${name}` replaced; errors name `position` (the key being read). */
  apply(value: string, position: SourcePosition): string {
    return this.expand(value, position, []);
  }

  private expand(value: string, position: SourcePosition, chain: readonly string[]): string {
    let open = value.indexOf('${');
    if (open < 0) return value;
    let out = '';
    let from = 0;
    while (open >= 0) {
      const close = this.syntax.nested ? closingBrace(value, open) : value.indexOf('}', open);
      if (this.syntax.dollarEscape && open > from && value[open - 1] === '$' && close >= 0) {
        out += value.slice(from, open - 1) + value.slice(open, close + 1);
        from = close + 1;
        open = value.indexOf('${', from);
        continue;
      }
      out += value.slice(from, open);
      if (close < 0) {
        const where = chain.length ? ` (in the value of \${${chain[chain.length - 1]}})` : '';
        throw errorAt(position, `"${value}" has no closing brace for the "\${" at position ${open}${where}`);
      }
      const name = value.slice(open + 2, close);
      const replacement = this.lookup(name, position, chain);
      this.inserted += replacement.length;
      if (this.inserted > this.limits.maxTotalInserted) {
        throw errorAt(position, `substitutions in this configuration insert more than ${this.limits.maxTotalInserted} characters in all (at \${${name}})`);
      }
      out += replacement;
      if (out.length > this.limits.maxValueLength) {
        const what = chain.length ? `\${${chain[chain.length - 1]}}` : 'the value';
        throw errorAt(position, `${what} expands to more than ${this.limits.maxValueLength} characters (at \${${name}})`);
      }
      from = close + 1;
      open = value.indexOf('${', from);
    }
    return out + value.slice(from);
  }

  private lookup(name: string, position: SourcePosition, chain: readonly string[]): string {
    const fromFile = this.sources.file(name);
    const env = fromFile === undefined ? this.sources.environment[name] : undefined;
    if (fromFile === undefined && env !== undefined) return env;
    const raw = fromFile ?? this.sources.supplied[name];
    if (raw === undefined) return '';
    const known = this.expanded.get(name);
    if (known !== undefined) return known;
    if (chain.includes(name)) {
      throw errorAt(position, `circular substitution ${[...chain, name].map((n) => `\${${n}}`).join(' -> ')}`);
    }
    if (chain.length >= MAX_DEPTH) {
      throw errorAt(position, `substitution nested deeper than ${MAX_DEPTH} levels at \${${name}}`);
    }
    const value = this.expand(raw, position, [...chain, name]);
    this.expanded.set(name, value);
    return value;
  }
}
