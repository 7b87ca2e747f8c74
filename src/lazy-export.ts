import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Exports of the package that are loaded on first use instead of at import. An ES
 * module graph is loaded whole, and `import('logwarden')` reached every appender,
 * layout and configuration reader (about 160 modules, 70 ms on a quiet 2-core
 * machine, against 16 ms for pino): a command-line tool or a serverless function
 * pays that on every start, before its first line. Node 20.19 and later load an ES
 * module synchronously with `require`, so a lazy export stays synchronous; the
 * module loaded is the one `import` gives, so classes are the same objects either way.
 */
function loader<T>(url: URL, name: string): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) {
      const file = fileURLToPath(url);
      value = (require(file) as Record<string, T>)[name];
      if (value === undefined) throw new Error(`${file} has no export "${name}"`);
    }
    return value;
  };
}

/** A function of the module at `url`, which is loaded on the first call. */
export function lazyFunction<F extends (...args: never[]) => unknown>(url: URL, name: string): F {
  const load = loader<F>(url, name);
  const lazy = (...args: Parameters<F>) => load()(...args);
  Object.defineProperty(lazy, 'name', { value: name });
  return lazy as F;
}

/**
 * A class of the module at `url`, loaded the first time it is constructed,
 * extended, tested with `instanceof` or asked for a static member. `new`, `extends`,
 * `instanceof` and static members all reach the class itself (a Proxy forwards
 * them), so only the moment of loading differs.
 */
export function lazyClass<C extends abstract new (...args: never[]) => unknown>(url: URL, name: string): C {
  const load = loader<C>(url, name);
  // A named function as the target, so stack traces and `typeof` read as a class's.
  const target = { [name]: function () {} }[name]!;
  const proxy: C = new Proxy(target as unknown as C, {
    construct: (_, args, newTarget) => Reflect.construct(load(), args, newTarget === proxy ? load() : newTarget) as object,
    get: (_, key) => Reflect.get(load(), key),
    set: (_, key, value) => Reflect.set(load(), key, value),
    has: (_, key) => Reflect.has(load(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(load()),
    apply: (_, self, args) => Reflect.apply(load() as unknown as (...a: unknown[]) => unknown, self, args),
  });
  return proxy;
}

/** An object of the module at `url` (a namespace of functions and getters), loaded when a member is first read. */
export function lazyObject<T extends object>(url: URL, name: string): T {
  const load = loader<T>(url, name);
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(load(), key),
    set: (_, key, value) => Reflect.set(load(), key, value),
    has: (_, key) => Reflect.has(load(), key),
  });
}
