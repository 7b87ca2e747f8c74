import type { Subject } from './subject.js';

/**
 * Each subject is imported only in the child process that measures it, so a run's
 * peak RSS holds its own library and no other.
 */
export const SUBJECTS: Record<string, { readonly name: string; load(): Promise<Subject> }> = {
  logwarden: { name: 'logwarden', load: async () => (await import('./logwarden.js')).logwarden },
  pino: { name: 'pino', load: async () => (await import('./pino.js')).pinoSubject },
  log4js: { name: 'log4js', load: async () => (await import('./log4js.js')).log4jsSubject },
  winston: { name: 'winston', load: async () => (await import('./winston.js')).winstonSubject },
  bunyan: { name: 'bunyan', load: async () => (await import('./bunyan.js')).bunyanSubject },
  null: { name: 'logwarden → NullAppender', load: async () => (await import('./logwarden.js')).logwardenNull },
  floor: { name: 'I/O floor', load: async () => (await import('./floor.js')).floor },
};
