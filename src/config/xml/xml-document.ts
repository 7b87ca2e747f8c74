import type { SaxesParser } from 'saxes';
import { lazyPackage } from '../../lazy-package.js';

const saxes = lazyPackage<{ SaxesParser: typeof SaxesParser }>('saxes');
import { ConfigurationError } from '../configuration-error.js';

/** An attribute with where its raw value stands in the text (for editing it in place). */
export interface XmlAttribute {
  readonly name: string;
  /** The value with entity and character references resolved. */
  readonly value: string;
  /** Offset of the first character after the opening quote. */
  readonly valueStart: number;
  /** Offset of the closing quote. */
  readonly valueEnd: number;
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** An element as read: its attributes in document order, child elements, and text. */
export class XmlElement {
  readonly attributes: XmlAttribute[] = [];
  readonly children: XmlElement[] = [];
  /** Text and CDATA directly inside the element, references resolved. */
  text = '';
  /** Offset just past the element (past `/>` or its end tag). */
  end = 0;

  constructor(
    readonly name: string,
    /** Offset of its `<`. */
    readonly start: number,
    readonly line: number,
    /** 1-based. */
    readonly column: number,
    readonly parent: XmlElement | undefined,
  ) {}

  /** The attribute of that name, any case (Log4j 2 and logback read names case-insensitively). */
  attribute(name: string): XmlAttribute | undefined {
    const lower = name.toLowerCase();
    return this.attributes.find((attribute) => attribute.name.toLowerCase() === lower);
  }

  /** Child elements of that name, any case. */
  childrenNamed(name: string): XmlElement[] {
    const lower = name.toLowerCase();
    return this.children.filter((child) => child.name.toLowerCase() === lower);
  }
}

/**
 * A well-formed XML document read into elements that remember their positions.
 *
 * Read with saxes: it checks well-formedness completely, reports line and column,
 * and never resolves anything outside the text: it reads no DTD, fetches nothing,
 * and expands no entity a DOCTYPE declares (only the five predefined ones and
 * character references). A DOCTYPE that declares anything or points at an external
 * DTD is refused outright, so an XXE or entity-expansion ("billion laughs") file is a
 * clear error rather than an "undefined entity" further down.
 */
export class XmlDocument {
  private constructor(readonly text: string, readonly file: string, readonly root: XmlElement) {}

  /**
   * A tree built from another notation of the same configuration (Log4j 2's JSON, YAML
   * and properties forms): positions are lines of that text, and there are no raw values to edit.
   */
  static fromTree(text: string, file: string, root: XmlElement): XmlDocument {
    return new XmlDocument(text, file, root);
  }

  static parse(text: string, file: string): XmlDocument {
    const parser = new (saxes().SaxesParser)({ position: true, fileName: file });
    const fail = (reason: string, line = parser.line, column = parser.column + 1): never => {
      throw new ConfigurationError(`not well-formed XML: ${reason}`, file, line, undefined, column);
    };
    let root: XmlElement | undefined;
    let current: XmlElement | undefined;
    const positions = new LinePositions(text);
    parser.on('error', (error) => fail(error.message.replace(/^.*?\d+:\d+: /, '')));
    parser.on('doctype', (doctype) => {
      const external = /^\s*\S+\s+(SYSTEM|PUBLIC)\b/.test(doctype);
      if (doctype.includes('[') || external) {
        const at = text.lastIndexOf('<!DOCTYPE', parser.position);
        const { line, column } = positions.at(Math.max(0, at));
        throw new ConfigurationError(
          `refused: a DOCTYPE with ${external ? 'an external DTD' : 'declarations'} (logging configurations need none; entities are never expanded or fetched, which stops XXE and entity-expansion attacks)`,
          file, line, undefined, column);
      }
    });
    parser.on('opentagstart', (tag) => {
      const start = text.lastIndexOf('<', parser.position - 1);
      const { line, column } = positions.at(start);
      const element = new XmlElement(tag.name, start, line, column, current);
      if (current) current.children.push(element);
      else root = element;
      current = element;
    });
    parser.on('attribute', (attribute) => {
      const valueEnd = parser.position - 1;
      const quote = text[valueEnd]!;
      const valueStart = text.lastIndexOf(quote, valueEnd - 1) + 1;
      const nameAt = text.lastIndexOf(attribute.name, valueStart);
      const { line, column } = positions.at(nameAt);
      current!.attributes.push({ name: attribute.name, value: attribute.value, valueStart, valueEnd, line, column });
    });
    parser.on('opentag', (tag) => {
      if (tag.isSelfClosing) {
        current!.end = parser.position;
        current = current!.parent;
      }
    });
    parser.on('closetag', (tag) => {
      if (tag.isSelfClosing) return;
      current!.end = parser.position;
      current = current!.parent;
    });
    const addText = (value: string): void => {
      if (current) current.text += value;
    };
    parser.on('text', addText);
    parser.on('cdata', addText);
    parser.write(text).close();
    if (!root) return fail('no root element', 1, 1);
    return new XmlDocument(text, file, root);
  }
}

/** Line and 1-based column of offsets, from the line starts found once. */
class LinePositions {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
