import { expect } from 'chai';
import { Level } from '../../../src/level.js';
import { XmlDocument } from '../../../src/config/xml/xml-document.js';
import { withXmlLoggerLevel } from '../../../src/config/xml/xml-logger-level-edit.js';

const LOG4J2 = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<!-- Jira-style: comments, odd spacing, both quote kinds and attribute orders must survive -->',
  '<Configuration status="WARN">',
  '  <Appenders><Null name="n"/></Appenders>',
  '  <Loggers>',
  '    <Root   level = \'WARN\' ><AppenderRef ref="n"/></Root>',
  '    <!-- <Logger name="com.atlassian" level="DEBUG"/> commented out -->',
  '    <Logger additivity="false" level="INFO" name="com.kantegasso.AuditLog">',
  '      <AppenderRef ref="n"/>',
  '    </Logger>',
  '\t\t<Logger name="com.atlassian"/>',
  '  </Loggers>',
  '</Configuration>',
].join('\r\n');

const LOGBACK = [
  '<configuration>',
  '    <logger name="a" level="info"/>',
  '    <logger name="b"><level value="DEBUG"/></logger>',
  '    <root level="WARN"/>',
  '</configuration>',
  '',
].join('\n');

const edit = (text: string, name: string, level: Level | null): string => withXmlLoggerLevel(XmlDocument.parse(text, '/conf/x.xml'), name, level);

describe('withXmlLoggerLevel', () => {
  it('Log4j 2: changes only the level attribute\'s value, every other byte kept', () => {
    expect(edit(LOG4J2, 'com.kantegasso.AuditLog', Level.DEBUG)).to.equal(LOG4J2.replace('level="INFO"', 'level="DEBUG"'));
    expect(edit(LOG4J2, 'root', Level.ERROR)).to.equal(LOG4J2.replace("level = 'WARN'", "level = 'ERROR'"));
  });

  it('Log4j 2: gives a logger without a level attribute one after its name', () => {
    expect(edit(LOG4J2, 'com.atlassian', Level.TRACE)).to.equal(LOG4J2.replace('<Logger name="com.atlassian"/>', '<Logger name="com.atlassian" level="TRACE"/>'));
  });

  it('Log4j 2: adds a logger the file does not name after the last one, indented as it is, with the file\'s line breaks', () => {
    expect(edit(LOG4J2, 'de.resolution.apitokenauth', Level.INFO)).to.equal(LOG4J2.replace(
      '\t\t<Logger name="com.atlassian"/>',
      '\t\t<Logger name="com.atlassian"/>\r\n\t\t<Logger name="de.resolution.apitokenauth" level="INFO"/>',
    ));
    expect(edit(LOG4J2, 'a"<&b', Level.INFO)).to.contain('<Logger name="a&quot;&lt;&amp;b" level="INFO"/>');
  });

  it('writes a line break or tab in a name as a character reference: XML reads a raw one back as a blank, which would name another logger', () => {
    const name = 'a\nb\tc\rd';
    const added = edit(LOG4J2, name, Level.INFO);
    expect(added).to.contain('<Logger name="a&#10;b&#9;c&#13;d" level="INFO"/>');
    const changed = edit(added, name, Level.ERROR);
    expect(changed).to.equal(added.replace('d" level="INFO"', 'd" level="ERROR"'));
  });

  it('Log4j 2: INHERITED removes the level attribute (Log4j 2 has no word for it)', () => {
    expect(edit(LOG4J2, 'com.kantegasso.AuditLog', null)).to.equal(LOG4J2.replace(' level="INFO"', ''));
    expect(edit(LOG4J2, 'com.atlassian', null)).to.equal(LOG4J2);
    expect(() => edit(LOG4J2, 'root', null)).to.throw(/root logger cannot inherit/);
  });

  it('Log4j 2: adds the first logger before </Loggers>, indented as the other entries', () => {
    const text = '<Configuration>\n  <Loggers>\n    <Root level="INFO"/>\n  </Loggers>\n</Configuration>\n';
    expect(edit(text, 'x', Level.WARN)).to.equal('<Configuration>\n  <Loggers>\n    <Root level="INFO"/>\n    <Logger name="x" level="WARN"/>\n  </Loggers>\n</Configuration>\n');
    const empty = '<Configuration>\n  <Loggers>\n  </Loggers>\n</Configuration>\n';
    expect(edit(empty, 'x', Level.WARN)).to.equal('<Configuration>\n  <Loggers>\n      <Logger name="x" level="WARN"/>\n  </Loggers>\n</Configuration>\n');
  });

  it('logback: the level attribute, a nested <level value>, a new <logger> after the last one, INHERITED as logback writes it', () => {
    expect(edit(LOGBACK, 'a', Level.ERROR)).to.equal(LOGBACK.replace('level="info"', 'level="ERROR"'));
    expect(edit(LOGBACK, 'b', Level.INFO)).to.equal(LOGBACK.replace('value="DEBUG"', 'value="INFO"'));
    expect(edit(LOGBACK, 'a', null)).to.equal(LOGBACK.replace('level="info"', 'level="INHERITED"'));
    expect(edit(LOGBACK, 'c', Level.WARN)).to.equal(LOGBACK.replace('<level value="DEBUG"/></logger>', '<level value="DEBUG"/></logger>\n    <logger name="c" level="WARN"/>'));
  });

  it('edits the last element that names the logger, as the last one wins', () => {
    const text = '<configuration><logger name="a" level="INFO"/><logger name="a" level="WARN"/></configuration>';
    expect(edit(text, 'a', Level.DEBUG)).to.equal(text.replace('level="WARN"', 'level="DEBUG"'));
  });
});
