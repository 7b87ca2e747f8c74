/** The scenarios `npm run bench` measures, by the name BENCH_SCENARIOS takes, in the order they are reported. */
export const SCENARIOS = {
  pattern: '(a) Jira pattern line with MDC to a file, one burst',
  'pattern-turn1': '(a1) (a), 1 line per event-loop turn',
  'pattern-turn10': '(a10) (a), 10 lines per event-loop turn (a server: a few lines per request)',
  'pattern-turn100': '(a100) (a), 100 lines per event-loop turn',
  'pattern-turn10-await': '(a10p) (a10), each turn ending with an awaited promise, as an async handler\'s does (with the MDC in use, Node 20\'s AsyncLocalStorage runs hooks for every promise)',
  json: '(b) JSON line to a file, one burst',
  ecs: '(k) ECS JSON line (EcsLayout, user and requestId from the MDC as top-level fields) to a file, one burst; pino: its JSON line (b)',
  'ecs-turn10': '(k10) (k), 10 lines per event-loop turn',
  'json-turn1': '(b1) (b), 1 line per event-loop turn',
  'json-turn10': '(b10) (b), 10 lines per event-loop turn',
  'json-turn100': '(b100) (b), 100 lines per event-loop turn',
  disabled: '(c) debug() while the level is INFO',
  'pattern-devnull': '(d) Jira pattern line to /dev/null',
  'json-devnull': '(d) JSON line to /dev/null',
  rolling: '(e) (a) through size rotation every ~10 MB',
  mdc: '(f) (a) from 100 concurrent async contexts with their own MDC',
  http: '(h) HTTP: the demo\'s auth middleware (a token checked per request) and one line per request, over loopback from a client process',
  import: '(g) import cost: import() of the package, then its first line in a file',
  'fields-turn10': '(i) (b10) with user and requestId as fields of each call instead of the MDC (pino\'s log.info(obj, msg))',
  'child-turn10': '(i2) (i) through a child logger made per request of 10 lines (logwarden\'s with(), pino\'s child())',
  'trace-off-turn10': '(j0) (b10) with OpenTelemetry set up and a context per request of 10 lines, but no span in it: the baseline of (j)',
  'trace-turn10': '(j) (j0) with the request\'s span active: trace_id, span_id and trace_flags on each line',
  'pattern-trace-off-turn10': '(j0p) (a10) with OpenTelemetry set up and a context per request of 10 lines, but no span in it: the baseline of (jp)',
  'pattern-trace-turn10': '(jp) (j0p) with the request\'s span active (ids looked up per event, not printed)',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

/** Which subject method runs a scenario; `import` and `http` are measured by child.ts itself. */
export const METHOD_OF: Record<Exclude<ScenarioName, 'import' | 'http'>, 'pattern' | 'json' | 'disabled' | 'rolling' | 'mdc' | 'fields' | 'child' | 'traced' | 'tracedPattern' | 'tracedBaseline' | 'tracedPatternBaseline' | 'ecs'> = {
  pattern: 'pattern',
  'pattern-turn1': 'pattern',
  'pattern-turn10': 'pattern',
  'pattern-turn100': 'pattern',
  'pattern-turn10-await': 'pattern',
  json: 'json',
  'json-turn1': 'json',
  'json-turn10': 'json',
  'json-turn100': 'json',
  ecs: 'ecs',
  'ecs-turn10': 'ecs',
  disabled: 'disabled',
  'pattern-devnull': 'pattern',
  'json-devnull': 'json',
  rolling: 'rolling',
  mdc: 'mdc',
  'fields-turn10': 'fields',
  'child-turn10': 'child',
  'trace-off-turn10': 'tracedBaseline',
  'trace-turn10': 'traced',
  'pattern-trace-off-turn10': 'tracedPatternBaseline',
  'pattern-trace-turn10': 'tracedPattern',
};

/** Lines per event-loop turn of the server-shaped scenarios; the others log in one burst. */
export const PER_TURN: Partial<Record<ScenarioName, number>> = {
  'pattern-turn1': 1,
  'pattern-turn10': 10,
  'pattern-turn100': 100,
  'pattern-turn10-await': 10,
  'json-turn1': 1,
  'json-turn10': 10,
  'json-turn100': 100,
  'ecs-turn10': 10,
  'fields-turn10': 10,
  'child-turn10': 10,
  'trace-off-turn10': 10,
  'trace-turn10': 10,
  'pattern-trace-off-turn10': 10,
  'pattern-trace-turn10': 10,
};

/** Turn scenarios whose turns end with an awaited promise instead of a setImmediate callback. */
export const AWAITED_TURNS: ReadonlySet<ScenarioName> = new Set(['pattern-turn10-await']);

/** What `import` loads for each subject that is a package (the others are skipped). */
export const PACKAGE_OF: Record<string, string> = {
  logwarden: 'logwarden',
  pino: 'pino',
  log4js: 'log4js',
  winston: 'winston',
  bunyan: 'bunyan',
};

export const DISABLED_CALLS = 10_000_000;
