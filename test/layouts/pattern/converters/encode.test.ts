import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%encode / %enc (Log4j 2)', () => {
  // Escapes as Log4j 2's EncodingPatternConverter.EscapeFormat writes them (HTML,
  // CRLF) and StringBuilders.escapeJson / escapeXml (JSON, XML).
  const message = 'Test \r\n<div class="test">this</div> & <div class=\'test\'>that</div>';
  const event = fixedEvent({ message });

  it('HTML by default: CR and LF as \\r \\n, and & < > " \' / as entities', () => {
    const expected = 'Test \\r\\n&lt;div class=&quot;test&quot;&gt;this&lt;&#x2F;div&gt; &amp; &lt;div class=&apos;test&apos;&gt;that&lt;&#x2F;div&gt;';
    expect(log4j2Layout('%encode{%m}').format(event)).to.equal(expected);
    expect(log4j2Layout('%enc{%m}{HTML}').format(event)).to.equal(expected);
  });

  it('CRLF: only line breaks, as \\r and \\n', () => {
    expect(log4j2Layout('%encode{%m}{CRLF}').format(event)).to.equal('Test \\r\\n<div class="test">this</div> & <div class=\'test\'>that</div>');
  });

  it('JSON: quotes, backslashes and control characters', () => {
    expect(log4j2Layout('%encode{%m}{JSON}').format(fixedEvent({ message: 'a "b" \\ c\n\t\u0001' }))).to.equal('a \\"b\\" \\\\ c\\n\\t\\u0001');
  });

  it('XML: the five predefined entities', () => {
    expect(log4j2Layout('%encode{%m}{XML}').format(fixedEvent({ message: '<a href="x">\'&\'</a>' }))).to.equal('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('an unknown format is HTML, and reported', () => {
    const warnings: string[] = [];
    expect(log4j2Layout('%encode{%m}{YAML}', warnings).format(fixedEvent({ message: '<' }))).to.equal('&lt;');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/%encode: unknown format \{YAML\}/);
  });
});
