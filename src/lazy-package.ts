import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A dependency loaded on its first use instead of at import: a command-line tool
 * or a serverless function pays on every start for what it loads, and
 * node-postgres, fast-json-stringify (with ajv) and saxes together added about
 * 100 ms and 30 MiB to `import('logwarden')` for programs that use none of them.
 * `require` loads CommonJS and (Node 20.19+) ES modules synchronously, so the
 * first use stays synchronous.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
