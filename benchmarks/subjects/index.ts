import type { Subject } from './subject.js';
import { logwarden } from './logwarden.js';
import { pinoSubject } from './pino.js';
import { log4jsSubject } from './log4js.js';
import { winstonSubject } from './winston.js';
import { bunyanSubject } from './bunyan.js';
import { floor } from './floor.js';

export const SUBJECTS: Record<string, Subject> = {
  logwarden,
  pino: pinoSubject,
  log4js: log4jsSubject,
  winston: winstonSubject,
  bunyan: bunyanSubject,
  floor,
};
