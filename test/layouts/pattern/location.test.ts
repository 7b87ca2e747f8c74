import { expect } from 'chai';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import { Level } from '../../../src/level.js';
import { getLogger } from '../../../src/log-manager.js';

class TokenService {
  constructor(private readonly log: ReturnType<typeof getLogger>) {}
  verify(): void {
    this.log.info('in method');
  }
}

function plainFunction(log: ReturnType<typeof getLogger>): void {
  log.info('in function');
}

describe('PatternLayout call-site conversions through a real logger', () => {
  it('prints the JavaScript call site for %C %M %F %L %l', () => {
    const log = getLogger('logwarden.test.layouts.location');
    log.level = Level.DEBUG;
    log.additivity = false;
    const appender = new MemoryAppender({ name: 'location-test', layout: new PatternLayout('%C|%M|%F|%l %m%n') });
    log.addAppender(appender);
    try {
      new TokenService(log).verify();
      plainFunction(log);
    } finally {
      log.removeAppender(appender);
    }
    const [method, fn] = appender.lines;
    expect(method).to.match(/^TokenService\|verify\|location\.test\.js\|TokenService\.verify\(location\.test\.js:\d+\) in method\n$/);
    expect(fn).to.match(/^\?\|plainFunction\|location\.test\.js\|plainFunction\(location\.test\.js:\d+\) in function\n$/);
  });

  it('starts capturing call sites when a live layout switches to a pattern that prints them', () => {
    const log = getLogger('logwarden.test.layouts.location.switch');
    log.level = Level.DEBUG;
    log.additivity = false;
    const layout = new PatternLayout('%m%n');
    const appender = new MemoryAppender({ name: 'location-switch-test', layout });
    log.addAppender(appender);
    try {
      plainFunction(log);
      layout.conversionPattern = '%M %m%n';
      plainFunction(log);
    } finally {
      log.removeAppender(appender);
    }
    expect(appender.lines).to.deep.equal(['in function\n', 'plainFunction in function\n']);
  });
});
