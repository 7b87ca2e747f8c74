import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import bunyan from 'bunyan';
import { JSON_REQUEST_ID, JSON_USER, LOGGER_NAME, logInTurns, message } from '../workload.js';
import type { Subject } from './subject.js';

/** bunyan writing JSON to a file stream (it has no pattern output). */
export const bunyanSubject: Subject = {
  name: 'bunyan',
  async json(file, count, perTurn) {
    const stream = createWriteStream(file);
    const logger = bunyan.createLogger({ name: LOGGER_NAME, streams: [{ stream, level: 'info' }] });
    const child = logger.child({ user: JSON_USER, requestId: JSON_REQUEST_ID });
    await logInTurns(count, perTurn, (i) => child.info(message(i)));
    const closed = once(stream, 'close');
    stream.end();
    await closed;
  },
  async disabled(calls) {
    const logger = bunyan.createLogger({ name: LOGGER_NAME, level: 'info', streams: [{ path: '/dev/null', level: 'info' }] });
    for (let i = 0; i < calls; i++) logger.debug('debug message %d', i);
  },
};
