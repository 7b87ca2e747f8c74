/** What a token may do: read-only tokens cover only the safe HTTP methods. */
export type TokenScope = 'READ_ONLY' | 'READ_WRITE';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The label the seed products print: `Read Only` or `Read & Write`. */
export function scopeLabel(scope: TokenScope): string {
  return scope === 'READ_ONLY' ? 'Read Only' : 'Read & Write';
}

export function scopeAllows(scope: TokenScope, method: string): boolean {
  return scope === 'READ_WRITE' || READ_ONLY_METHODS.has(method.toUpperCase());
}

export function parseScope(value: unknown): TokenScope {
  if (value === 'READ_ONLY' || value === 'READ_WRITE') return value;
  throw new TypeError(`Unknown token scope ${JSON.stringify(value)}: expected "READ_ONLY" or "READ_WRITE"`);
}
