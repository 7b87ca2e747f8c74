/**
 * What `npm run bench` runs, from BENCH_ROUNDS, BENCH_LINES, BENCH_SCENARIOS and
 * BENCH_SUBJECTS. A name that is not known is refused with the known ones, before
 * minutes are spent measuring nothing.
 */
export interface BenchSettings {
  readonly rounds: number;
  readonly lines: number;
  readonly scenarios: readonly string[];
  readonly subjects: readonly string[];
}

export class BenchSettingsError extends Error {
  override name = 'BenchSettingsError';
}

function count(variable: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new BenchSettingsError(`${variable} must be a whole number of at least 1, not "${text}"`);
  return value;
}

function names(variable: string, text: string | undefined, known: readonly string[]): string[] {
  if (text === undefined || text === '') return [...known];
  const chosen = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (chosen.length === 0) throw new BenchSettingsError(`${variable} names nothing; known: ${known.join(', ')}`);
  const unknown = chosen.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new BenchSettingsError(`${variable}: unknown ${unknown.length === 1 ? 'name' : 'names'} ${unknown.map((name) => `"${name}"`).join(', ')}; known: ${known.join(', ')}`);
  }
  return chosen;
}

export function readBenchSettings(
  env: Record<string, string | undefined>,
  known: { readonly scenarios: readonly string[]; readonly subjects: readonly string[] },
): BenchSettings {
  return {
    rounds: count('BENCH_ROUNDS', env.BENCH_ROUNDS, 5),
    lines: count('BENCH_LINES', env.BENCH_LINES, 200_000),
    scenarios: names('BENCH_SCENARIOS', env.BENCH_SCENARIOS, known.scenarios),
    subjects: names('BENCH_SUBJECTS', env.BENCH_SUBJECTS, known.subjects),
  };
}
