import { errorAt, type SourcePosition } from './configuration-error.js';

/** Where `${name}` finds its value, in this order. */
export interface SubstitutionSources {
  /** Entries of the configuration file itself. */
  file(name: string): string | undefined;
  /** Usually process.env. */
  environment: Readonly<Record<string, string | undefined>>;
  /** Supplied by the caller of `configure`. */
  supplied: Readonly<Record<string, string>>;
}

const MAX_DEPTH = 32;

/**
 * Replaces `${name}` as log4j 1.2's OptionConverter.substVars does: the name runs to
 * the first `}`, a name found nowhere becomes the empty string, an opening `${`
 * without a closing brace is an error. Values from the file and the supplied map
 * are substituted in turn (`x2=${x1}`); environment values are taken literally, so
 * the environment cannot inject configuration syntax. Cycles are an error, not a
 * stack overflow. Run at load time only, never on logged messages.
 */
export function substitute(value: string, sources: SubstitutionSources, position: SourcePosition): string {
  return expand(value, sources, position, []);
}

function expand(value: string, sources: SubstitutionSources, position: SourcePosition, chain: string[]): string {
  let open = value.indexOf('${');
  if (open < 0) return value;
  let out = '';
  let from = 0;
  while (open >= 0) {
    out += value.slice(from, open);
    const close = value.indexOf('}', open);
    if (close < 0) {
      const where = chain.length ? ` (in the value of \${${chain[chain.length - 1]}})` : '';
      throw errorAt(position, `"${value}" has no closing brace for the "\${" at position ${open}${where}`);
    }
    const name = value.slice(open + 2, close);
    out += lookup(name, sources, position, chain);
    from = close + 1;
    open = value.indexOf('${', from);
  }
  return out + value.slice(from);
}

function lookup(name: string, sources: SubstitutionSources, position: SourcePosition, chain: string[]): string {
  const fromFile = sources.file(name);
  const env = fromFile === undefined ? sources.environment[name] : undefined;
  if (fromFile === undefined && env !== undefined) return env;
  const raw = fromFile ?? sources.supplied[name];
  if (raw === undefined) return '';
  if (chain.includes(name)) {
    throw errorAt(position, `circular substitution ${[...chain, name].map((n) => `\${${n}}`).join(' -> ')}`);
  }
  if (chain.length >= MAX_DEPTH) {
    throw errorAt(position, `substitution nested deeper than ${MAX_DEPTH} levels at \${${name}}`);
  }
  return expand(raw, sources, position, [...chain, name]);
}
