import type { TextEdit } from './json-layout.js';

export type JsonPath = readonly (string | number)[];

/**
 * How one form of JSON configuration takes a logger's level: the text edits, and the
 * same change made to the parsed data (the value at `path` set, or removed when
 * undefined), which the edited text must parse to exactly.
 */
export interface JsonLevelPlan {
  readonly edits: readonly TextEdit[];
  readonly path: JsonPath;
  readonly value: unknown;
}

/** Refuses the change, saying why (the caller names the file and logger). */
export type Refuse = (why: string) => never;

/** A copy of the data with the value at `path` set (undefined: the key removed). */
export function withValueAt(data: unknown, path: JsonPath, value: unknown): unknown {
  const copy = structuredClone(data);
  if (path.length === 0) return value;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete parent[last];
  // Defined, not assigned: a logger may be named __proto__.
  else Object.defineProperty(parent, last, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}
