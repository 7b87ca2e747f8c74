import log4js from 'log4js';
import { JSON_REQUEST_ID, JSON_USER, LOGGER_Q2, MDC_VALUES, THREAD, logInTurns, message } from '../workload.js';
import type { Subject } from './subject.js';

const PATTERN = `%d{yyyy-MM-dd hh:mm:ss,SSSO} ${THREAD} %p %X{jira.username} %X{jira.request.id} %X{jira.request.assession.id} %X{jira.request.ipaddr} %X{jira.request.url} [%c] %m`;

function shutdown(): Promise<void> {
  return new Promise((resolve, reject) => log4js.shutdown((error) => (error ? reject(error) : resolve())));
}

/** log4js-node with its (asynchronous, stream-based) file appender. */
export const log4jsSubject: Subject = {
  name: 'log4js',
  async pattern(file, count, perTurn) {
    log4js.configure({
      appenders: { file: { type: 'file', filename: file, layout: { type: 'pattern', pattern: PATTERN } } },
      categories: { default: { appenders: ['file'], level: 'info' } },
    });
    const logger = log4js.getLogger(LOGGER_Q2);
    for (const [key, value] of Object.entries(MDC_VALUES)) logger.addContext(key, value);
    await logInTurns(count, perTurn, (i) => logger.info(message(i)));
    await shutdown();
  },
  async json(file, count, perTurn) {
    log4js.addLayout('json', () => (event) => JSON.stringify({
      level: event.level.levelStr, time: event.startTime.getTime(), logger: event.categoryName,
      msg: event.data[0], user: event.context.user, requestId: event.context.requestId,
    }));
    log4js.configure({
      appenders: { file: { type: 'file', filename: file, layout: { type: 'json' } } },
      categories: { default: { appenders: ['file'], level: 'info' } },
    });
    const logger = log4js.getLogger(LOGGER_Q2);
    logger.addContext('user', JSON_USER);
    logger.addContext('requestId', JSON_REQUEST_ID);
    await logInTurns(count, perTurn, (i) => logger.info(message(i)));
    await shutdown();
  },
  async disabled(calls) {
    log4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } });
    const logger = log4js.getLogger(LOGGER_Q2);
    for (let i = 0; i < calls; i++) logger.debug('debug message', i);
  },
};
