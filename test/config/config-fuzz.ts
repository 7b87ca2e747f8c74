import { expect } from 'chai';
import { applyConfiguration, NOTHING_APPLIED, type AppliedConfiguration } from '../../src/config/apply.js';
import { buildConfiguration } from '../../src/config/build.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import { parseConfigText, type ConfigFormat } from '../../src/config/load.js';
import { Hierarchy } from '../../src/hierarchy.js';

/** Small seeded generator, so that a failure can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRun {
  readonly format: ConfigFormat;
  readonly seeds: readonly string[];
  readonly count: number;
  readonly seed: number;
  readonly mutate: (text: string, next: () => number) => string;
  readonly environment?: Record<string, string>;
}

/**
 * Parses, builds and applies `count` mutations of the seeds, one after the other on
 * one hierarchy, as a watched file would be reloaded: each is applied or refused with
 * a ConfigurationError naming a line; anything else fails the test with the input.
 */
export function fuzzConfigurations(run: FuzzRun): { applied: number; refused: number } {
  const next = random(run.seed);
  const hierarchy = new Hierarchy();
  let state: AppliedConfiguration = NOTHING_APPLIED;
  let applied = 0;
  let refused = 0;
  for (let n = 0; n < run.count; n++) {
    const text = run.mutate(run.seeds[n % run.seeds.length]!, next);
    try {
      const model = parseConfigText(text, `fuzz-${n}.${run.format}`, run.format, { environment: run.environment ?? {}, supplied: {} });
      const built = buildConfiguration(model, state.appenders);
      const result = applyConfiguration(hierarchy, built, state);
      state = result.applied;
      for (const appender of result.retired) void appender.close?.();
      applied++;
    } catch (cause) {
      if (!(cause instanceof ConfigurationError)) {
        throw new Error(`input ${n} (seed ${run.seed}) crashed with ${String(cause)}:\n${JSON.stringify(text)}`);
      }
      expect(cause.line, `${cause.message}\n${JSON.stringify(text)}`).to.be.at.least(1);
      refused++;
    }
  }
  return { applied, refused };
}
