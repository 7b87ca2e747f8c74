import { Substitution } from '../substitution.js';

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

/** `env:HOME:-/tmp` -> prefix env, key HOME, fallback /tmp. */
function parseReference(name: string): Reference {
  const dash = name.indexOf(':-');
  const head = dash < 0 ? name : name.slice(0, dash);
  const fallback = dash < 0 ? undefined : name.slice(dash + 2);
  const colon = head.indexOf(':');
  if (colon < 0) return { prefix: '', key: head, fallback };
  const prefix = head.slice(0, colon);
  const key = head.slice(colon + 1);
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
