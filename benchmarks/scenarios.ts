/** The scenarios `npm run bench` measures, by the name BENCH_SCENARIOS takes, in the order they are reported. */
export const SCENARIOS = {
  pattern: '(a) Jira pattern line with MDC to a file',
  json: '(b) JSON line to a file',
  disabled: '(c) debug() while the level is INFO',
  'pattern-devnull': '(d) Jira pattern line to /dev/null',
  'json-devnull': '(d) JSON line to /dev/null',
  rolling: '(e) (a) through size rotation every ~10 MB',
  mdc: '(f) (a) from 100 concurrent async contexts with their own MDC',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

/** Which subject method runs a scenario. */
export const METHOD_OF: Record<ScenarioName, 'pattern' | 'json' | 'disabled' | 'rolling' | 'mdc'> = {
  pattern: 'pattern',
  json: 'json',
  disabled: 'disabled',
  'pattern-devnull': 'pattern',
  'json-devnull': 'json',
  rolling: 'rolling',
  mdc: 'mdc',
};

export const DISABLED_CALLS = 10_000_000;
