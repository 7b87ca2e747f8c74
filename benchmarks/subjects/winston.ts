import { once } from 'node:events';
import winston from 'winston';
import { JSON_REQUEST_ID, JSON_USER, LOGGER_NAME, LOGGER_Q2, MDC_VALUES, THREAD, logInTurns, message } from '../workload.js';
import type { Subject } from './subject.js';

/**
 * Ends a winston logger so that nothing is lost: `logger.end()` alone (as its README
 * shows) resolves before the file transport has written everything; waiting for the
 * transport's own 'finish' is what keeps every line.
 */
async function end(logger: winston.Logger, transport: winston.transport): Promise<void> {
  const finished = once(transport, 'finish');
  logger.end();
  await finished;
}

const jiraFormat = winston.format.printf((info) =>
  `${String(info.timestamp)} ${THREAD} ${info.level.toUpperCase()} ${String(info['jira.username'])} ${String(info['jira.request.id'])} ${String(info['jira.request.assession.id'])} ${String(info['jira.request.ipaddr'])} ${String(info['jira.request.url'])} [${LOGGER_Q2}] ${String(info.message)}`);

/** winston 3 with its File transport. */
export const winstonSubject: Subject = {
  name: 'winston',
  async pattern(file, count, perTurn) {
    const transport = new winston.transports.File({ filename: file });
    const logger = winston.createLogger({
      level: 'info',
      format: winston.format.combine(winston.format.timestamp({ format: 'YYYY-MM-DD HH:mm:ss,SSSZZ' }), jiraFormat),
      transports: [transport],
    });
    const child = logger.child(MDC_VALUES);
    await logInTurns(count, perTurn, (i) => child.info(message(i)));
    await end(logger, transport);
  },
  async json(file, count, perTurn) {
    const transport = new winston.transports.File({ filename: file });
    const logger = winston.createLogger({
      level: 'info',
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      transports: [transport],
    });
    const child = logger.child({ logger: LOGGER_NAME, user: JSON_USER, requestId: JSON_REQUEST_ID });
    await logInTurns(count, perTurn, (i) => child.info(message(i)));
    await end(logger, transport);
  },
  async disabled(calls) {
    const logger = winston.createLogger({ level: 'info', transports: [new winston.transports.Console({ silent: true })] });
    for (let i = 0; i < calls; i++) logger.debug('debug message', i);
  },
};
