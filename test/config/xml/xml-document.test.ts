import { expect } from 'chai';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { XmlDocument } from '../../../src/config/xml/xml-document.js';
import { refusalOf } from '../refusal.js';

const parse = (text: string): XmlDocument => XmlDocument.parse(text, '/etc/app/log4j2.xml');

const refusal = (text: string): ConfigurationError => refusalOf(() => parse(text), 'document');

describe('XmlDocument', () => {
  it('reads elements, attributes and text with their lines and columns', () => {
    const doc = parse('<?xml version="1.0"?>\n<Configuration status="WARN">\n  <Logger name="a.b" level=\'DEBUG\'>x &amp; <![CDATA[<y>]]></Logger>\n</Configuration>\n');
    expect(doc.root.name).to.equal('Configuration');
    const logger = doc.root.children[0]!;
    expect(logger).to.include({ name: 'Logger', line: 3, column: 3, text: 'x & <y>' });
    expect(logger.attribute('LEVEL')).to.include({ name: 'level', value: 'DEBUG', line: 3, column: 22 });
    expect(logger.parent).to.equal(doc.root);
    expect(doc.root.childrenNamed('logger')).to.deep.equal([logger]);
  });

  it('knows where each raw attribute value and element stands, counting as JavaScript strings do', () => {
    const text = '<!-- 😀 a comment -->\n<c><logger name="x" level="INFO"/><logger name="y&amp;z" level=\'WARN\'></logger></c>';
    const doc = parse(text);
    const [first, second] = doc.root.children;
    const level = first!.attribute('level')!;
    expect(text.slice(level.valueStart, level.valueEnd)).to.equal('INFO');
    expect(text.slice(first!.start, first!.end)).to.equal('<logger name="x" level="INFO"/>');
    const name = second!.attribute('name')!;
    expect(text.slice(name.valueStart, name.valueEnd)).to.equal('y&amp;z');
    expect(name.value).to.equal('y&z');
    expect(text.slice(second!.start, second!.end)).to.equal('<logger name="y&amp;z" level=\'WARN\'></logger>');
    expect([second!.line, second!.column]).to.deep.equal([2, 35]);
  });

  it('refuses a file that is not well-formed, naming file, line and column', () => {
    const error = refusal('<Configuration>\n  <Loggers>\n    <Logger name="a">\n  </Loggers>\n</Configuration>\n');
    expect(error.file).to.equal('/etc/app/log4j2.xml');
    expect(error.line).to.equal(4);
    expect(error.column).to.be.greaterThan(0);
    expect(error.message).to.match(/^\/etc\/app\/log4j2\.xml:4:\d+: not well-formed XML: unexpected close tag/);
  });

  it('refuses a half-written file and an empty one', () => {
    expect(refusal('<Configuration>\n  <Loggers>\n    <Logger name="a" lev').message).to.match(/log4j2\.xml:3:\d+: not well-formed XML/);
    expect(refusal('').message).to.match(/not well-formed XML: document must contain a root element/);
  });

  it('refuses a billion-laughs file at its DOCTYPE, before any expansion', () => {
    const lol = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n<Configuration status="&lol3;"/>\n';
    const error = refusal(lol);
    expect(error.line).to.equal(2);
    expect(error.column).to.equal(1);
    expect(error.reason).to.match(/refused: a DOCTYPE with declarations .*entity-expansion/);
  });

  it('refuses an XXE file (external entity, external DTD) without reading or fetching anything', () => {
    const local = refusal('<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<c>&xxe;</c>');
    expect(local.reason).to.match(/refused: a DOCTYPE with declarations .*XXE/);
    const remote = refusal('<!DOCTYPE configuration SYSTEM "http://203.0.113.1/evil.dtd">\n<configuration/>');
    expect(remote.reason).to.match(/refused: a DOCTYPE with an external DTD/);
    expect(remote.line).to.equal(1);
  });

  it('takes a DOCTYPE that declares nothing (logback\'s own examples have one)', () => {
    expect(parse('<!DOCTYPE configuration>\n<configuration/>').root.name).to.equal('configuration');
  });

  it('expands no entity but the predefined ones', () => {
    expect(refusal('<c a="&unknown;"/>').reason).to.match(/undefined entity/);
    expect(parse('<c a="&lt;&#65;&#x42;"/>').root.attribute('a')!.value).to.equal('<AB');
  });
});
