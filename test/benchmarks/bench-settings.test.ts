import { expect } from 'chai';
import { BenchSettingsError, readBenchSettings } from '../../benchmarks/bench-settings.js';
import { SCENARIOS } from '../../benchmarks/scenarios.js';

const known = { scenarios: Object.keys(SCENARIOS), subjects: ['logwarden', 'pino', 'floor'] };

describe('bench settings', () => {
  it('runs everything, 5 rounds of 200,000 lines, by default', () => {
    expect(readBenchSettings({}, known)).to.deep.equal({ rounds: 5, lines: 200_000, scenarios: known.scenarios, subjects: known.subjects });
  });

  it('narrows to the scenarios and subjects named, in the order given', () => {
    const settings = readBenchSettings({ BENCH_SCENARIOS: 'json,pattern', BENCH_SUBJECTS: 'pino, logwarden', BENCH_ROUNDS: '1', BENCH_LINES: '10_000' }, known);
    expect(settings).to.deep.equal({ rounds: 1, lines: 10_000, scenarios: ['json', 'pattern'], subjects: ['pino', 'logwarden'] });
  });

  it('refuses an unknown scenario, naming it and the known ones', () => {
    expect(() => readBenchSettings({ BENCH_SCENARIOS: 'a' }, known)).to.throw(BenchSettingsError,
      `BENCH_SCENARIOS: unknown name "a"; known: ${Object.keys(SCENARIOS).join(', ')}`);
    expect(() => readBenchSettings({ BENCH_SUBJECTS: 'pino,log4j,bunyan2' }, known)).to.throw(BenchSettingsError,
      'BENCH_SUBJECTS: unknown names "log4j", "bunyan2"; known: logwarden, pino, floor');
    expect(() => readBenchSettings({ BENCH_SCENARIOS: ',' }, known)).to.throw('BENCH_SCENARIOS names nothing; known: pattern,');
  });

  it('refuses a round or line count that is not a whole number of at least 1', () => {
    for (const text of ['0', '-3', 'many', '1.5']) {
      expect(() => readBenchSettings({ BENCH_LINES: text }, known)).to.throw(`BENCH_LINES must be a whole number of at least 1, not "${text}"`);
    }
    expect(() => readBenchSettings({ BENCH_ROUNDS: 'x' }, known)).to.throw('BENCH_ROUNDS must be');
  });
});
