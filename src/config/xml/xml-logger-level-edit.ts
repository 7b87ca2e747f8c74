import type { Level } from '../../level.js';
import { dialectOf, type XmlDialect } from './xml-config.js';
import type { XmlDocument, XmlElement } from './xml-document.js';

/** Where loggers stand in each dialect, as element names in lower case. */
const SHAPES: Record<XmlDialect, { container: (doc: XmlDocument) => XmlElement | undefined; logger: string[]; root: string[]; element: string }> = {
  log4j2: {
    container: (doc) => doc.root.childrenNamed('Loggers')[0],
    logger: ['logger', 'asynclogger'],
    root: ['root', 'asyncroot'],
    element: 'Logger',
  },
  logback: {
    container: (doc) => doc.root,
    logger: ['logger'],
    root: ['root'],
    element: 'logger',
  },
};

// Line breaks and tabs as references: a parser reads them raw as blanks (attribute-value normalization).
const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/[\n\r\t]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The file's text with one logger's level changed and every other byte kept (comments,
 * attribute order and quotes, indentation). In the element that configures the logger
 * (the last one, as the last wins) only the level attribute's value changes; one
 * without a level attribute gets ` level="X"` after its name (logback: a nested
 * `<level value>` has its value changed). A logger the file does not name gets
 * `<Logger name="X" level="Y"/>` (logback `<logger ...>`) on a line of its own after
 * the last logger, indented as it is. INHERITED (null) removes a Log4j 2 logger's
 * level attribute (Log4j 2 has no word for it) and writes logback's `INHERITED`.
 */
export function withXmlLoggerLevel(doc: XmlDocument, loggerName: string, level: Level | null): string {
  const dialect = dialectOf(doc);
  const shape = SHAPES[dialect];
  const { text } = doc;
  const container = shape.container(doc);
  if (!container) throw new Error(`${doc.file} has no <Loggers> element to write the level of "${loggerName}" into`);
  const isRoot = loggerName === 'root';
  if (isRoot && level === null) throw new Error('the root logger cannot inherit a level');
  const loggers = container.children.filter((child) => shape.logger.includes(child.name.toLowerCase()));
  const target = isRoot
    ? container.children.filter((child) => shape.root.includes(child.name.toLowerCase())).pop()
    : loggers.filter((child) => child.attribute('name')?.value === loggerName).pop();
  const word = level === null ? 'INHERITED' : level.name;
  const splice = (from: number, to: number, insert: string): string => text.slice(0, from) + insert + text.slice(to);

  if (target) {
    const attribute = target.attribute('level');
    if (attribute) {
      if (level === null && dialect === 'log4j2') {
        // The attribute with the blanks before it, so the tag reads as if never written with one.
        let from = text.lastIndexOf(attribute.name, attribute.valueStart);
        while (from > 0 && /\s/.test(text[from - 1]!)) from--;
        return splice(from, attribute.valueEnd + 1, '');
      }
      return splice(attribute.valueStart, attribute.valueEnd, word);
    }
    const nested = dialect === 'logback' ? target.childrenNamed('level')[0]?.attribute('value') : undefined;
    if (nested) return splice(nested.valueStart, nested.valueEnd, word);
    if (level === null && dialect === 'log4j2') return text;
    const after = target.attribute('name') ?? undefined;
    const at = after ? after.valueEnd + 1 : target.start + 1 + target.name.length;
    return splice(at, at, ` level="${word}"`);
  }
  if (level === null && dialect === 'log4j2') return text;
  const element = `<${shape.element} name="${escapeAttribute(loggerName)}" level="${word}"/>`;
  const anchor = loggers[loggers.length - 1] ?? container.children.filter((child) => shape.root.includes(child.name.toLowerCase())).pop();
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (anchor) {
    const lineStart = text.lastIndexOf('\n', anchor.start - 1) + 1;
    const before = text.slice(lineStart, anchor.start);
    const indent = /^[ \t]*$/.test(before) ? before : '';
    return splice(anchor.end, anchor.end, `${newline}${indent}${element}`);
  }
  // No logger yet: on its own line before the container's end tag, indented as the
  // container's first child (else one step deeper than the container).
  const close = text.lastIndexOf('</', container.end - 1);
  if (close < container.start) throw new Error(`${doc.file}: <${container.name}/> is empty and self-closing; cannot add the level of "${loggerName}" to it`);
  const indentOf = (element: XmlElement): string | undefined => {
    const before = text.slice(text.lastIndexOf('\n', element.start - 1) + 1, element.start);
    return /^[ \t]*$/.test(before) ? before : undefined;
  };
  const first = container.children[0];
  const indent = (first && indentOf(first)) ?? `${indentOf(container) ?? ''}    `;
  const lineOfClose = text.lastIndexOf('\n', close - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineOfClose, close))) return splice(lineOfClose, lineOfClose, `${indent}${element}${newline}`);
  return splice(close, close, element);
}
