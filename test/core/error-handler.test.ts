import { expect } from 'chai';
import { OncePerCauseErrorHandler } from '../../src/error-handler.js';
import { InternalLog } from '../../src/internal-log.js';
import { LostRecordsError } from '../../src/lost-records-error.js';

describe('OncePerCauseErrorHandler', () => {
  let lines: string[];
  let previous: ReturnType<typeof InternalLog.setSink>;
  beforeEach(() => {
    lines = [];
    previous = InternalLog.setSink((line) => lines.push(line));
  });
  afterEach(() => InternalLog.setSink(previous));

  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

  it('reports a cause once per appender, naming the appender', () => {
    const handler = new OncePerCauseErrorHandler();
    handler.error('filelog', enospc());
    handler.error('filelog', enospc());
    handler.error('securitylog', enospc());
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/appender "filelog" failed: ENOSPC/);
    expect(lines[1]).to.match(/appender "securitylog"/);
  });

  it('reports a different cause of the same appender', () => {
    const handler = new OncePerCauseErrorHandler();
    handler.error('filelog', enospc());
    handler.error('filelog', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    expect(lines).to.have.length(2);
  });

  it('reports the same cause again after the appender recovered', () => {
    const handler = new OncePerCauseErrorHandler();
    handler.error('filelog', enospc());
    handler.recovered('filelog');
    handler.error('filelog', enospc());
    expect(lines.map((l) => l.replace(/:.*/, ''))).to.have.length(3);
    expect(lines[1]).to.match(/"filelog" recovered/);
  });

  it('reports every count of lost records, each with its number', () => {
    const handler = new OncePerCauseErrorHandler();
    handler.error('filelog', new LostRecordsError(728, '728 record(s) for app.log were lost'));
    handler.error('filelog', new LostRecordsError(1, '1 record(s) for app.log were lost'));
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/"filelog" failed: 728 record/);
    expect(lines[1]).to.match(/"filelog" failed: 1 record/);
  });

  it('never throws, whatever the cause', () => {
    const handler = new OncePerCauseErrorHandler();
    expect(() => handler.error('x', undefined)).not.to.throw();
    expect(() => handler.error('x', { weird: true })).not.to.throw();
  });
});
