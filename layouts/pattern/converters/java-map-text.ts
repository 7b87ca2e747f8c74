/** How deep nested objects and arrays are printed before `[...]` stands for the rest. */
const MAX_DEPTH = 8;

/**
 * A value as Log4j 2's ParameterFormatter.recursiveDeepToString prints it: strings
 * as they are, arrays `[a, b]`, objects `{k=v, k2=v2}`; an object met again inside
 * itself, or nested deeper than 8 levels, is `[...]`.
 */
export function javaValueText(value: unknown, seen: Set<object> = new Set(), depth = 0): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return typeof value === 'function' ? `[function ${value.name}]` : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[...]';
  seen.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[' + value.map((item) => javaValueText(item, seen, depth + 1)).join(', ') + ']';
  } else if (value instanceof Map) {
    text = '{' + [...value].map(([k, v]) => `${javaValueText(k, seen, depth + 1)}=${javaValueText(v, seen, depth + 1)}`).join(', ') + '}';
  } else {
    text = javaMapText(value as Record<string, unknown>, seen, depth + 1);
  }
  seen.delete(value);
  return text;
}

/**
 * A map as Log4j 2 prints a MapMessage or the context map (MapFormat.JAVA_UNQUOTED):
 * `{key=value, key2=value2}`, keys in sorted order as Log4j 2 keeps them, `{}` when empty.
 */
export function javaMapText(map: Readonly<Record<string, unknown>>, seen: Set<object> = new Set(), depth = 0): string {
  const keys = Object.keys(map).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += (i === 0 ? '' : ', ') + key + '=' + javaValueText(map[key], seen, depth);
  }
  return out + '}';
}
