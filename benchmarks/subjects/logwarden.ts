import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { NullAppender } from '../../appenders/null-appender.js';
import type { Subject } from './subject.js';

/** logwarden itself. */
export const logwarden: Subject = {
  name: 'logwarden',
  async disabled(calls) {
    const hierarchy = new Hierarchy();
    hierarchy.root.addAppender(new NullAppender());
    hierarchy.root.level = Level.INFO;
    const logger = hierarchy.getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService');
    for (let i = 0; i < calls; i++) logger.debug('debug message %d', i);
  },
};
