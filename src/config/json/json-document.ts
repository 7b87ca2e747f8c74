import { ConfigurationError } from '../configuration-error.js';

/** A JSON value and where its text stands: [start, end) in the document's text. */
export type JsonNode = JsonObject | JsonArray | JsonScalar;

export interface JsonObject {
  readonly kind: 'object';
  readonly start: number;
  readonly end: number;
  /** Every member as written, a repeated key included (JSON.parse keeps the last). */
  readonly members: JsonMember[];
}

export interface JsonArray {
  readonly kind: 'array';
  readonly start: number;
  readonly end: number;
  readonly items: JsonNode[];
}

export interface JsonScalar {
  readonly kind: 'scalar';
  readonly start: number;
  readonly end: number;
  readonly value: string | number | boolean | null;
}

export interface JsonMember {
  readonly key: string;
  /** Where the key's quoted text starts. */
  readonly keyStart: number;
  /** Just after the key's closing quote. */
  readonly keyEnd: number;
  readonly value: JsonNode;
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * JSON text with the position of every value, so that an edit can change one value's
 * bytes and keep all the others. It reads what JSON.parse reads and refuses the rest.
 */
export class JsonDocument {
  private constructor(readonly text: string, readonly file: string, readonly root: JsonNode) {}

  static parse(text: string, file: string): JsonDocument {
    return new JsonDocument(text, file, new Reader(text, file).document());
  }

  /** The 1-based line an offset is on. */
  lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\n' || (c === '\r' && this.text[i + 1] !== '\n')) line++;
    }
    return line;
  }
}

/** The members JSON.parse keeps: of a repeated key, the last. */
export function effectiveMembers(object: JsonObject): JsonMember[] {
  const last = new Map<string, JsonMember>();
  for (const member of object.members) last.set(member.key, member);
  return object.members.filter((member) => last.get(member.key) === member);
}

class Reader {
  private at = 0;

  constructor(private readonly text: string, private readonly file: string) {}

  document(): JsonNode {
    const node = this.value();
    this.skipWhitespace();
    if (this.at !== this.text.length) this.fail('text after the JSON value');
    return node;
  }

  private value(): JsonNode {
    this.skipWhitespace();
    const start = this.at;
    const c = this.text[start];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'scalar', start, end: this.stringEnd(), value: JSON.parse(this.text.slice(start, this.at)) as string };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, start)) {
        this.at += word.length;
        return { kind: 'scalar', start, end: this.at, value };
      }
    }
    NUMBER.lastIndex = start;
    const number = NUMBER.exec(this.text);
    if (!number) this.fail('a value was expected');
    this.at += number[0].length;
    return { kind: 'scalar', start, end: this.at, value: Number(number[0]) };
  }

  private object(): JsonObject {
    const start = this.at++;
    const members: JsonMember[] = [];
    if (this.closes('}')) return { kind: 'object', start, end: this.at, members };
    for (;;) {
      this.skipWhitespace();
      const keyStart = this.at;
      if (this.text[keyStart] !== '"') this.fail('a quoted key was expected');
      const keyEnd = this.stringEnd();
      const key = JSON.parse(this.text.slice(keyStart, keyEnd)) as string;
      this.skipWhitespace();
      if (this.text[this.at] !== ':') this.fail('":" was expected after a key');
      this.at++;
      members.push({ key, keyStart, keyEnd, value: this.value() });
      if (this.closes('}')) return { kind: 'object', start, end: this.at, members };
      this.comma();
    }
  }

  private array(): JsonArray {
    const start = this.at++;
    const items: JsonNode[] = [];
    if (this.closes(']')) return { kind: 'array', start, end: this.at, items };
    for (;;) {
      items.push(this.value());
      if (this.closes(']')) return { kind: 'array', start, end: this.at, items };
      this.comma();
    }
  }

  /** Steps over `close` after blanks if it comes next. */
  private closes(close: string): boolean {
    this.skipWhitespace();
    if (this.text[this.at] !== close) return false;
    this.at++;
    return true;
  }

  private comma(): void {
    if (this.text[this.at] !== ',') this.fail('"," was expected');
    this.at++;
  }

  private stringEnd(): number {
    STRING.lastIndex = this.at;
    const match = STRING.exec(this.text);
    if (!match) this.fail('a string is not closed or holds an invalid escape or control character');
    this.at += match[0].length;
    return this.at;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.at;
    this.at += WHITESPACE.exec(this.text)![0].length;
  }

  private fail(why: string): never {
    const line = this.text.slice(0, this.at).split(/\r\n|\r|\n/).length;
    throw new ConfigurationError(`invalid JSON: ${why}`, this.file, line);
  }
}
