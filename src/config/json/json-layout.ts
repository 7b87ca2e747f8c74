import type { JsonArray, JsonDocument, JsonMember, JsonNode, JsonObject } from './json-document.js';

/** Replace [from, to) of the text with insert. */
export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** The text with edits that do not overlap applied. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.from - a.from)) result = result.slice(0, edit.from) + edit.insert + result.slice(edit.to);
  return result;
}

/** Renders a new value given the indentation of the line it starts on. */
export type Render = (indent: string) => string;

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Edits of a JSON text written as the file already writes it: a new member or item
 * takes the separator, line break and indentation of its neighbours, a new key the
 * spacing around the colon of the keys already there, so that a hand-formatted file
 * and JSON.stringify's output both read as if written that way from the start.
 */
export class JsonLayout {
  /** The file's line separator (a file without one gets \n). */
  readonly eol: string;
  /** One step of indentation: the file's most common one, else two spaces. */
  readonly unit: string;
  private readonly colon: string;
  /** Do most one-line objects have a blank inside their braces, `{ "a": 1 }`? */
  private readonly padded: boolean;

  constructor(private readonly doc: JsonDocument) {
    const { text } = doc;
    this.eol = LINE_BREAK.exec(text)?.[0] ?? '\n';
    this.unit = indentationStep(text);
    const counts = new Map<string, number>();
    for (const member of allMembers(doc.root)) {
      const colon = this.colonOf(member);
      if (colon !== undefined) counts.set(colon, (counts.get(colon) ?? 0) + 1);
    }
    this.colon = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ': ';
    const inline = allObjects(doc.root).filter((object) => object.members.length > 0 && !this.isMultiline(object));
    this.padded = inline.filter((object) => text[object.start + 1] === ' ').length * 2 > inline.length;
  }

  /** Is the node written over more than one line? */
  isMultiline(node: JsonNode): boolean {
    return LINE_BREAK.test(this.doc.text.slice(node.start, node.end));
  }

  /** A member's text: the key, escaped as JSON needs, the colon spaced as most of the file's (or as `like`'s), the value. */
  member(key: string, value: string, like?: JsonMember): string {
    return `${JSON.stringify(key)}${(like && this.colonOf(like)) ?? this.colon}${value}`;
  }

  /** A new object of string values, on one line or one member a line below `indent`. */
  object(entries: readonly (readonly [string, string])[], multiline: boolean, indent: string): string {
    const members = entries.map(([key, value]) => this.member(key, JSON.stringify(value)));
    const pad = this.padded ? ' ' : '';
    if (!multiline) return `{${pad}${members.join(this.inlineSeparator)}${pad}}`;
    const inner = indent + this.unit;
    return `{${this.eol}${members.map((member) => inner + member).join(`,${this.eol}`)}${this.eol}${indent}}`;
  }

  replace(node: JsonNode, text: string): TextEdit {
    return { from: node.start, to: node.end, insert: text };
  }

  /** A member added after `after` (default: the last one), or as the only one. */
  insertMember(object: JsonObject, key: string, value: Render, after: JsonMember | undefined = object.members[object.members.length - 1]): TextEdit {
    if (!after) return this.fillEmpty(object, (indent) => this.member(key, value(indent)));
    const spans = object.members.map((member) => ({ start: member.keyStart, end: member.value.end }));
    const separator = this.separator(object, spans);
    const indent = this.indentAfter(separator) ?? this.lineIndent(after.keyStart);
    return { from: after.value.end, to: after.value.end, insert: separator + this.member(key, value(indent), after) };
  }

  /** An item added at the end of an array. */
  appendItem(array: JsonArray, item: Render): TextEdit {
    const last = array.items[array.items.length - 1];
    if (!last) return this.fillEmpty(array, item);
    const separator = this.separator(array, array.items);
    const indent = this.indentAfter(separator) ?? this.lineIndent(last.start);
    return { from: last.end, to: last.end, insert: separator + item(indent) };
  }

  /** The member and the separator on one side of it taken out, as if never written. */
  removeMember(object: JsonObject, member: JsonMember): TextEdit {
    const { members } = object;
    const index = members.indexOf(member);
    if (members.length === 1) return { from: object.start + 1, to: object.end - 1, insert: '' };
    if (index > 0) return { from: members[index - 1]!.value.end, to: member.value.end, insert: '' };
    return { from: member.keyStart, to: members[1]!.keyStart, insert: '' };
  }

  /** A single value made the first item of an array whose second is `item`: `[value, item]`. */
  wrapWith(node: JsonNode, item: Render): TextEdit[] {
    return [
      { from: node.start, to: node.start, insert: '[' },
      { from: node.end, to: node.end, insert: `${this.inlineSeparator}${item(this.lineIndent(node.end - 1))}]` },
    ];
  }

  /**
   * What stands between two entries: as between the last two, else a comma and the
   * blanks between the bracket and the only entry when on lines of their own.
   */
  private separator(container: JsonNode, spans: readonly { start: number; end: number }[]): string {
    const { text } = this.doc;
    const n = spans.length;
    if (n >= 2) return text.slice(spans[n - 2]!.end, spans[n - 1]!.start);
    const before = text.slice(container.start + 1, spans[0]!.start);
    return LINE_BREAK.test(before) ? `,${before}` : this.inlineSeparator;
  }

  private get inlineSeparator(): string {
    return this.colon.endsWith(' ') ? ', ' : ',';
  }

  /** The colon and the blanks around it after a member's key, unless they break the line. */
  private colonOf(member: JsonMember): string | undefined {
    const colon = this.doc.text.slice(member.keyEnd, member.value.start);
    return LINE_BREAK.test(colon) ? undefined : colon;
  }

  /** The indentation a separator leaves its next entry at, if it breaks the line. */
  private indentAfter(separator: string): string | undefined {
    const parts = separator.split(LINE_BREAK);
    return parts.length > 1 ? /^[ \t]*/.exec(parts[parts.length - 1]!)![0] : undefined;
  }

  /** The indentation of the line an offset is on. */
  private lineIndent(offset: number): string {
    const { text } = this.doc;
    let start = offset;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    return /^[ \t]*/.exec(text.slice(start))![0];
  }

  /**
   * The only entry of an empty object or array: on a line of its own, one step in,
   * when the brackets stand on different lines or the file is written over lines
   * and they are adjacent (`{}` as JSON.stringify writes an empty object), else inline.
   */
  private fillEmpty(container: JsonObject | JsonArray, entry: Render): TextEdit {
    const inside = this.doc.text.slice(container.start + 1, container.end - 1);
    const from = container.start + 1;
    const to = container.end - 1;
    if (LINE_BREAK.test(inside) || (inside === '' && this.isMultiline(this.doc.root))) {
      const indent = this.lineIndent(container.start);
      const inner = indent + this.unit;
      return { from, to, insert: `${this.eol}${inner}${entry(inner)}${this.eol}${indent}` };
    }
    const indent = this.lineIndent(container.start);
    return { from, to, insert: inside === '' ? entry(indent) : ` ${entry(indent)} ` };
  }
}

function allMembers(node: JsonNode): JsonMember[] {
  if (node.kind === 'object') return node.members.flatMap((member) => [member, ...allMembers(member.value)]);
  return node.kind === 'array' ? node.items.flatMap(allMembers) : [];
}

function allObjects(node: JsonNode): JsonObject[] {
  if (node.kind === 'object') return [node, ...node.members.flatMap((member) => allObjects(member.value))];
  return node.kind === 'array' ? node.items.flatMap(allObjects) : [];
}

/**
 * The step a line is most often indented by past the line before it (the shorter of
 * two as common): aligned continuation lines, as in Log4j 2's manual, are rarer.
 */
function indentationStep(text: string): string {
  const counts = new Map<string, number>();
  let previous: string | undefined;
  for (const line of text.split(LINE_BREAK)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (previous !== undefined && indent.length > previous.length && indent.startsWith(previous)) {
      const step = indent.slice(previous.length);
      counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    previous = indent;
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]?.[0] ?? '  ';
}
