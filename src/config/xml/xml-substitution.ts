import { Substitution } from '../substitution.js';
import { splitReference } from '../variable-reference.js';

export interface XmlVariableSources {
  /** `<Property>` / `<property>` values of the file itself. */
  readonly properties: ReadonlyMap<string, string>;
  readonly environment: Readonly<Record<string, string | undefined>>;
  /** What `configure(file, { substitutions })` supplies: stands for Java's system properties (`${sys:...}`). */
  readonly supplied: Readonly<Record<string, string>>;
  /** Log4j 2's `$${...}` escape (see SubstitutionSyntax); logback has none. */
  readonly dollarEscape?: boolean;
}

interface Reference {
  readonly prefix: '' | 'env' | 'sys' | 'other';
  readonly key: string;
  readonly fallback: string | undefined;
}

/** Any prefix but env and sys is a lookup Java makes at run time, kept whole (`ctx:user`). */
function parseReference(name: string): Reference {
  const { head, prefix, key, fallback } = splitReference(name);
  if (prefix === undefined) return { prefix: '', key, fallback };
  if (prefix === 'env' || prefix === 'sys') return { prefix, key, fallback };
  return { prefix: 'other', key: head, fallback };
}

/**
 * `${name}` as Log4j 2 and logback write it, at load time only: `${name}` (the file's
 * properties, then the environment, then the supplied values), `${env:NAME}`,
 * `${sys:name}` (the supplied values), each with an optional `:-default` that may
 * itself hold references (`${sys:a:-${env:B:-c}}`, expanded only when used). A lookup
 * that only has a meaning at run time in Java (`${ctx:...}`, `${date:...}`) is kept
 * as written. The expansion itself, its limits and cycle checks are the ones of
 * log4j.properties (Substitution): environment values are taken literally.
 */
export function xmlSubstitution({ properties, environment, supplied, dollarEscape = false }: XmlVariableSources): Substitution {
  const lookups = new Map<string, Reference>();
  const referenceOf = (name: string): Reference => {
    let reference = lookups.get(name);
    if (!reference) lookups.set(name, (reference = parseReference(name)));
    return reference;
  };
  const literal = new Proxy<Record<string, string | undefined>>({}, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined;
      const { prefix, key } = referenceOf(name);
      if (prefix === 'other') return `\${${name}}`;
      return prefix === 'sys' ? undefined : environment[key];
    },
  });
  const expanded = new Proxy<Record<string, string>>({}, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined;
      const { prefix, key, fallback } = referenceOf(name);
      return (prefix === 'env' ? undefined : supplied[key]) ?? fallback;
    },
  });
  return new Substitution({
    file: (name) => {
      const { prefix, key } = referenceOf(name);
      return prefix === '' ? properties.get(key) : undefined;
    },
    environment: literal,
    supplied: expanded,
  }, undefined, { nested: true, dollarEscape });
}
