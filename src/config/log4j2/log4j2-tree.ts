import type { Variables } from '../load.js';
import type { ConfigModel } from '../model.js';
import { XmlDocument, XmlElement } from '../xml/xml-document.js';
import { log4j2ToModel } from './log4j2-xml.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Log4j 2's JSON and YAML forms have one top-level key, `Configuration` (any case). */
export function isLog4j2Tree(data: unknown): data is Record<string, unknown> {
  if (!isRecord(data)) return false;
  const keys = Object.keys(data);
  return keys.length === 1 && keys[0]!.toLowerCase() === 'configuration' && isRecord(data[keys[0]!]);
}

/**
 * Finds the line a key is written on, at or after the line of its parent, so that
 * warnings and errors point into the JSON or YAML text.
 */
class KeyLines {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }

  find(key: string, from: number): number {
    const pattern = new RegExp(`(^|[\\s{,"'])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
    for (let i = Math.max(0, from - 1); i < this.lines.length; i++) {
      if (pattern.test(this.lines[i]!)) return i + 1;
    }
    return from;
  }
}

/**
 * Log4j 2's JSON / YAML tree as the elements its XML form would have: a key with a
 * scalar is an attribute, a key with a mapping a child element, a key with a list one
 * child element per item. The XML reader then reads it, with the same warnings and errors.
 */
export function log4j2TreeToModel(data: Record<string, unknown>, text: string, file: string, variables: Variables): ConfigModel {
  const lines = new KeyLines(text);
  const [rootKey] = Object.keys(data);
  const element = (name: string, value: Record<string, unknown>, parent: XmlElement | undefined, from: number): XmlElement => {
    const line = lines.find(name, from);
    const node = new XmlElement(name, -1, line, 0, parent);
    for (const [key, child] of Object.entries(value)) {
      if (child === null || child === undefined) continue;
      if (isRecord(child)) {
        node.children.push(element(key, child, node, line));
      } else if (Array.isArray(child)) {
        let at = line;
        for (const item of child) {
          if (!isRecord(item)) continue;
          const built = element(key, item, node, at);
          at = built.line + 1;
          node.children.push(built);
        }
      } else {
        node.attributes.push({ name: key, value: String(child), valueStart: -1, valueEnd: -1, line: lines.find(key, line), column: 0 });
      }
    }
    return node;
  };
  const root = element(rootKey!, data[rootKey!] as Record<string, unknown>, undefined, 1);
  return log4j2ToModel(XmlDocument.fromTree(text, file, root), variables);
}
