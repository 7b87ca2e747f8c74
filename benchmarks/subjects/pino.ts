import { once } from 'node:events';
import pino from 'pino';
import { jiraLine } from './jira-line.js';
import { JSON_REQUEST_ID, JSON_USER, LOGGER_NAME, MDC_VALUES, logInTurns, message } from '../workload.js';
import type { Subject } from './subject.js';

async function close(destination: ReturnType<typeof pino.destination>): Promise<void> {
  // flushSync() while an asynchronous write is in flight writes the rest ahead of it
  // (lines out of order at the end of the file); flush(cb) waits for that write.
  await new Promise<void>((resolve, reject) => destination.flush((error) => (error ? reject(error) : resolve())));
  const closed = once(destination, 'close');
  destination.end();
  await closed;
}

/** Waits until the file is open, as a long-running app would have it before logging. */
async function ready(destination: ReturnType<typeof pino.destination>): Promise<ReturnType<typeof pino.destination>> {
  await once(destination, 'ready');
  return destination;
}

/**
 * (j) and (j0): pino's JSON line with the mixin @opentelemetry/instrumentation-pino
 * installs (the active span's ids on each record), each request in its own span
 * (`active`) or in a context without one.
 */
async function tracedJson(file: string, count: number, perTurn: number, active: boolean): Promise<number> {
  // Loaded here: the other scenarios' processes (and their peak RSS) stay without OpenTelemetry's SDK.
  const { logInSpans, openRequestSpans, traceMixin } = await import('../span-turns.js');
  const spans = openRequestSpans(count, perTurn);
  const destination = await ready(pino.destination({ dest: file, sync: false, minLength: 4096 }));
  const logger = pino({ base: null, mixin: traceMixin, formatters: { level: (label) => ({ level: label }) } }, destination).child({ logger: LOGGER_NAME });
  const start = process.hrtime.bigint();
  await logInSpans(spans, count, perTurn, (i) => logger.info({ user: JSON_USER, requestId: JSON_REQUEST_ID }, message(i)), active);
  await close(destination);
  return Number(process.hrtime.bigint() - start);
}

/** pino, with its asynchronous destination (sonic-boom), as its docs recommend for speed. */
export const pinoSubject: Subject = {
  name: 'pino',
  async pattern(file, count, perTurn) {
    // pino has no pattern layout: a custom formatter turns each JSON record into the Jira line.
    const destination = await ready(pino.destination({ dest: file, sync: false, minLength: 4096 }));
    const formatter = {
      write(record: string) {
        const o = JSON.parse(record) as { time: number; msg: string };
        destination.write(jiraLine(o.time, 'INFO', o.msg));
      },
    };
    const logger = pino({ base: null }, formatter).child(MDC_VALUES);
    await logInTurns(count, perTurn, (i) => logger.info(message(i)));
    await close(destination);
  },
  async json(file, count, perTurn) {
    const destination = await ready(pino.destination({ dest: file, sync: false, minLength: 4096 }));
    const logger = pino({ base: null, formatters: { level: (label) => ({ level: label }) } }, destination).child({ logger: LOGGER_NAME });
    await logInTurns(count, perTurn, (i) => logger.info({ user: JSON_USER, requestId: JSON_REQUEST_ID }, message(i)));
    await close(destination);
  },
  async http(file) {
    // The request's context as fields of the call, the way pino takes per-call fields.
    const destination = await ready(pino.destination({ dest: file, sync: false, minLength: 4096 }));
    const logger = pino({ base: null, formatters: { level: (label) => ({ level: label }) } }, destination).child({ logger: LOGGER_NAME });
    return {
      line: (i, context) => logger.info(context, message(i)),
      close: () => close(destination),
    };
  },
  async fields(file, count, perTurn) {
    // pino's JSON scenario already gives the values as fields of each call.
    return pinoSubject.json!(file, count, perTurn);
  },
  async child(file, count, perTurn = 10) {
    const destination = await ready(pino.destination({ dest: file, sync: false, minLength: 4096 }));
    const logger = pino({ base: null, formatters: { level: (label) => ({ level: label }) } }, destination).child({ logger: LOGGER_NAME });
    let request = logger.child({ user: JSON_USER, requestId: JSON_REQUEST_ID });
    await logInTurns(count, perTurn, (i) => {
      if (i % perTurn === 0) request = logger.child({ user: JSON_USER, requestId: JSON_REQUEST_ID });
      request.info(message(i));
    });
    await close(destination);
  },
  traced(file, count, perTurn = 10) {
    return tracedJson(file, count, perTurn, true);
  },
  tracedBaseline(file, count, perTurn = 10) {
    return tracedJson(file, count, perTurn, false);
  },
  async ecs(file, count, perTurn) {
    // The ECS target is measured against pino's own JSON line.
    return pinoSubject.json!(file, count, perTurn);
  },
  async disabled(calls) {
    const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
    for (let i = 0; i < calls; i++) logger.debug('debug message %d', i);
  },
};
