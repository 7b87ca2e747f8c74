import { errorAt, type SourcePosition } from '../configuration-error.js';
import type { ComponentModel, OptionValue } from '../model.js';
import type { Substitution } from '../substitution.js';
import type { XmlAttribute, XmlDocument, XmlElement } from './xml-document.js';

/**
 * What the Log4j 2 and logback readers share: positions of elements and attributes
 * as SourcePositions (line, column and an XPath-like key such as
 * `Appenders/RollingFile[@name="filelog"]/@fileName`), values with `${}` substituted,
 * and the warnings collected on the way.
 */
export class XmlReading {
  readonly warnings: string[] = [];

  constructor(readonly document: XmlDocument, readonly substitution: Substitution) {}

  get file(): string {
    return this.document.file;
  }

  pathOf(element: XmlElement): string {
    const segments: string[] = [];
    for (let at: XmlElement | undefined = element; at; at = at.parent) {
      const name = at.attribute('name');
      segments.push(name ? `${at.name}[@name="${name.value}"]` : at.name);
    }
    return segments.reverse().join('/');
  }

  at(element: XmlElement, attribute?: XmlAttribute): SourcePosition {
    const where = attribute ?? element;
    return { file: this.file, line: where.line, column: where.column, key: attribute ? `${this.pathOf(element)}/@${attribute.name}` : this.pathOf(element) };
  }

  /** An attribute's value (any case of its name) with `${}` substituted, or undefined. */
  attr(element: XmlElement, name: string): string | undefined {
    const attribute = element.attribute(name);
    return attribute === undefined ? undefined : this.substitution.apply(attribute.value, this.at(element, attribute));
  }

  /** An element's text, trimmed, with `${}` substituted. */
  text(element: XmlElement): string {
    return this.substitution.apply(element.text.trim(), this.at(element));
  }

  /** An attribute as a model option value (named as the model's class expects). */
  option(element: XmlElement, name: string): OptionValue | undefined {
    const attribute = element.attribute(name);
    return attribute === undefined ? undefined : { value: this.attr(element, name)!, position: this.at(element, attribute) };
  }

  /** A child element's text as a model option value. */
  textOption(element: XmlElement): OptionValue {
    return { value: this.text(element), position: this.at(element) };
  }

  required(element: XmlElement, name: string): string {
    const value = this.attr(element, name);
    if (value === undefined || value.trim() === '') throw errorAt(this.at(element), `needs a "${name}" attribute`);
    return value.trim();
  }

  warn(position: SourcePosition, message: string): void {
    const column = position.column ? `:${position.column}` : '';
    this.warnings.push(`${position.file}:${position.line}${column}: ${position.key}: ${message}`);
  }

  component(className: string, element: XmlElement, options: Iterable<[string, OptionValue | undefined]>): ComponentModel {
    const map = new Map<string, OptionValue>();
    for (const [name, value] of options) if (value !== undefined) map.set(name, value);
    return { className, options: map, position: this.at(element) };
  }
}
