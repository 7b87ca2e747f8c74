import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { MDC } from '../../src/context/mdc.js';
import { ThreadName } from '../../src/context/thread-name.js';
import { NullAppender } from '../../appenders/null-appender.js';
import { FileAppender } from '../../appenders/file-appender.js';
import { RollingFileAppender } from '../../appenders/rolling-file-appender.js';
import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { JsonLayout } from '../../layouts/json/json-layout.js';
import { EcsLayout } from '../../layouts/ecs/ecs-layout.js';
import type { Appender } from '../../appenders/appender.js';
import { JIRA_PATTERN, JSON_REQUEST_ID, JSON_USER, LOGGER_NAME, MDC_VALUES, THREAD, logInTurns, message } from '../workload.js';
import type { RequestLogger, Subject } from './subject.js';

const jiraLayout = () => new PatternLayout(JIRA_PATTERN, { timeZone: 'UTC' });

function loggerWith(appender: Appender) {
  const hierarchy = new Hierarchy();
  hierarchy.root.addAppender(appender);
  hierarchy.root.level = Level.INFO;
  return { hierarchy, logger: hierarchy.getLogger(LOGGER_NAME) };
}

async function jiraLines(appender: Appender, count: number, perTurn?: number): Promise<void> {
  const { hierarchy, logger } = loggerWith(appender);
  await MDC.run(MDC_VALUES, () => ThreadName.run(THREAD, () => logInTurns(count, perTurn, (i) => logger.info(message(i)))));
  await hierarchy.shutdown();
}

/** The HTTP scenario's line: the Jira line, its MDC and thread name set by the auth middleware. */
function requestLogger(appender: Appender, discards = false): RequestLogger {
  const { hierarchy, logger } = loggerWith(appender);
  return {
    discards,
    line: (i) => logger.info(message(i)),
    close: () => hierarchy.shutdown(),
  };
}

/** (j) and (j0): the JSON line with trace ids, each request in its own span (`active`) or in a context without one. */
async function tracedJson(file: string, count: number, perTurn: number, active: boolean): Promise<number> {
  // Loaded here: the other scenarios' processes (and their peak RSS) stay without OpenTelemetry's SDK.
  const { logInSpans, openRequestSpans } = await import('../span-turns.js');
  const spans = openRequestSpans(count, perTurn);
  const layout = new JsonLayout({ fields: ['timestamp', 'level', 'logger', 'message', 'trace', 'mdc'], timestampFormat: 'epoch' });
  const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout }));
  const start = process.hrtime.bigint();
  await MDC.run({ user: JSON_USER, requestId: JSON_REQUEST_ID }, () => logInSpans(spans, count, perTurn, (i) => logger.info(message(i)), active));
  await hierarchy.shutdown();
  return Number(process.hrtime.bigint() - start);
}

/** (jp) and (j0p): the Jira line, which prints no trace ids, in a span per request (`active`) or in a context without one. */
async function tracedJira(file: string, count: number, perTurn: number, active: boolean): Promise<number> {
  const { logInSpans, openRequestSpans } = await import('../span-turns.js');
  const spans = openRequestSpans(count, perTurn);
  const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout: jiraLayout() }));
  const start = process.hrtime.bigint();
  await MDC.run(MDC_VALUES, () => ThreadName.run(THREAD, () => logInSpans(spans, count, perTurn, (i) => logger.info(message(i)), active)));
  await hierarchy.shutdown();
  return Number(process.hrtime.bigint() - start);
}

/** logwarden itself, through its public classes, as an application would configure it. */
export const logwarden: Subject = {
  name: 'logwarden',
  pattern(file, count, perTurn) {
    return jiraLines(new FileAppender({ file, append: false, layout: jiraLayout() }), count, perTurn);
  },
  async json(file, count, perTurn) {
    const layout = new JsonLayout({ fields: ['timestamp', 'level', 'logger', 'message', 'mdc'], timestampFormat: 'epoch' });
    const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout }));
    await MDC.run({ user: JSON_USER, requestId: JSON_REQUEST_ID }, () => logInTurns(count, perTurn, (i) => logger.info(message(i))));
    await hierarchy.shutdown();
  },
  async ecs(file, count, perTurn) {
    const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout: new EcsLayout({ mdc: 'fields' }) }));
    await MDC.run({ user: JSON_USER, requestId: JSON_REQUEST_ID }, () => logInTurns(count, perTurn, (i) => logger.info(message(i))));
    await hierarchy.shutdown();
  },
  async disabled(calls) {
    const { logger } = loggerWith(new NullAppender());
    for (let i = 0; i < calls; i++) logger.debug('debug message %d', i);
  },
  rolling(dir, count) {
    return jiraLines(new RollingFileAppender({
      file: `${dir}/out.log`, append: false, layout: jiraLayout(), maxFileSize: '10MB', maxBackupIndex: 50,
    }), count);
  },
  async mdc(file, count) {
    const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout: jiraLayout() }));
    // 100 request contexts, each with its own MDC and thread name, take turns: each
    // logs a few lines, then yields to the event loop. A shared index keeps the file
    // in order, so the line check still proves every line arrived once.
    const contexts = 100;
    const linesPerTurn = 20;
    let next = 0;
    await Promise.all(Array.from({ length: contexts }, (_, c) =>
      MDC.run({ ...MDC_VALUES, 'jira.request.id': `920x${c}x1` }, () => ThreadName.run(`http-nio-8080-exec-${c + 1}`, async () => {
        while (next < count) {
          const end = Math.min(count, next + linesPerTurn);
          while (next < end) logger.info(message(next++));
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }))));
    await hierarchy.shutdown();
  },
  async http(file) {
    return requestLogger(new FileAppender({ file, append: false, layout: jiraLayout() }));
  },
  async fields(file, count, perTurn) {
    const layout = new JsonLayout({ fields: ['timestamp', 'level', 'logger', 'message', 'fields'], timestampFormat: 'epoch' });
    const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout }));
    await logInTurns(count, perTurn, (i) => logger.info({ user: JSON_USER, requestId: JSON_REQUEST_ID }, message(i)));
    await hierarchy.shutdown();
  },
  async child(file, count, perTurn = 10) {
    const layout = new JsonLayout({ fields: ['timestamp', 'level', 'logger', 'message', 'fields'], timestampFormat: 'epoch' });
    const { hierarchy, logger } = loggerWith(new FileAppender({ file, append: false, layout }));
    let request = logger.with({ user: JSON_USER, requestId: JSON_REQUEST_ID });
    await logInTurns(count, perTurn, (i) => {
      if (i % perTurn === 0) request = logger.with({ user: JSON_USER, requestId: JSON_REQUEST_ID });
      request.info(message(i));
    });
    await hierarchy.shutdown();
  },
  traced(file, count, perTurn = 10) {
    return tracedJson(file, count, perTurn, true);
  },
  tracedBaseline(file, count, perTurn = 10) {
    return tracedJson(file, count, perTurn, false);
  },
  tracedPattern(file, count, perTurn = 10) {
    return tracedJira(file, count, perTurn, true);
  },
  tracedPatternBaseline(file, count, perTurn = 10) {
    return tracedJira(file, count, perTurn, false);
  },
};

/** The HTTP scenario's baseline: the same line handed to a NullAppender, so the difference to it is what writing the file costs. */
export const logwardenNull: Subject = {
  name: 'logwarden → NullAppender',
  async http() {
    return requestLogger(new NullAppender({ layout: jiraLayout() }), true);
  },
};
