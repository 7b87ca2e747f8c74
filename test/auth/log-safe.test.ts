import { expect } from 'chai';
import { logSafe, LOG_SAFE_MAX_LENGTH } from '../../src/auth/log-safe.js';

describe('auth/logSafe', () => {
  it('leaves ordinary text alone (the same string, no copy)', () => {
    const text = 'admin /rest/api/2/issue?x=1 "quoted" Ünïcödé';
    expect(logSafe(text)).to.equal(text);
  });

  it('writes CR, LF and tab as visible escapes, so no second line can start', () => {
    expect(logSafe('bob\r\n2020-09-22 15:20:50,922+0000 main INFO forged')).to.equal('bob\\r\\n2020-09-22 15:20:50,922+0000 main INFO forged');
    expect(logSafe('a\tb')).to.equal('a\\tb');
  });

  it('escapes ANSI escape sequences, DEL, C1 controls and Unicode line separators', () => {
    expect(logSafe('\u001b[31mred\u001b[0m')).to.equal('\\u001b[31mred\\u001b[0m');
    expect(logSafe('x\u007fy\u009bz\u0085')).to.equal('x\\u007fy\\u009bz\\u0085');
    expect(logSafe('a\u2028b\u2029c\u0000')).to.equal('a\\u2028b\\u2029c\\u0000');
  });

  it('cuts very long text', () => {
    const out = logSafe('/'.repeat(65536));
    expect(out.length).to.equal(LOG_SAFE_MAX_LENGTH + '...(truncated)'.length);
    expect(out.endsWith('...(truncated)')).to.equal(true);
  });

  it('renders non-strings', () => {
    expect(logSafe(42)).to.equal('42');
  });
});
