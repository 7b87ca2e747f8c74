/** Past this many member names a layout has seen, new ones are rendered per event: keys made from request data cannot grow the cache without end. */
const MAX_CACHED_KEYS = 1000;

/**
 * `render` (a field or MDC key as the JSON a record writes it under, collision
 * prefix applied) remembered per key: an application logs the same few keys on
 * every line, so each is escaped and checked against the layout's own members once.
 */
export function memberKeys(render: (key: string) => string): (key: string) => string {
  const rendered = new Map<string, string>();
  return (key) => {
    let json = rendered.get(key);
    if (json === undefined) {
      json = render(key);
      if (rendered.size < MAX_CACHED_KEYS) rendered.set(key, json);
    }
    return json;
  };
}
