import { expect } from 'chai';
import { consoleTime } from '../../../src/auth/console/console-time.js';

describe('auth/console/consoleTime', () => {
  it('shows an instant in UTC to the second, with the ISO form in a <time> element', () => {
    expect(consoleTime(Date.UTC(2026, 10, 29, 20, 15, 3, 456), '').text)
      .to.equal('<time datetime="2026-11-29T20:15:03.456Z">2026-11-29 20:15:03 UTC</time>');
  });

  it('shows the given word, escaped, when there is no instant', () => {
    expect(consoleTime(null, 'Never <ever>').text).to.equal('<span class="muted">Never &lt;ever&gt;</span>');
  });
});
