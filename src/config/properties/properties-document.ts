import { ConfigurationError } from '../configuration-error.js';

/** One `key=value` entry as it stands in the text, with the offsets an edit needs. */
export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line on which the entry starts. */
  readonly line: number;
  /** Offset of the key's first character. */
  readonly start: number;
  /** Offset where the raw value begins (equals `end` for an empty value). */
  readonly valueStart: number;
  /** Offset just past the last character of the logical line, before its line terminator. */
  readonly end: number;
  /** Offset of the line after this entry (past the terminator). */
  readonly next: number;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';
const isEol = (c: string | undefined): boolean => c === '\n' || c === '\r';

function skipTerminator(text: string, i: number): number {
  return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
}

/**
 * A .properties file read as java.util.Properties reads it (separators `=`, `:` or
 * blanks; `#`/`!` comment lines; continuation by an odd number of trailing
 * backslashes; `\t \n \r \f \uXXXX` escapes; the last duplicate wins), keeping the
 * exact text so an edit can change one value and leave every other byte alone.
 */
export class PropertiesDocument {
  readonly entries: readonly PropertyEntry[];
  private readonly byKey = new Map<string, PropertyEntry>();
  private orderedKeys: string[] | undefined;
  /** Sorted keys by namespace (a key's first two segments), built when first asked for. */
  private readonly sortedKeys = new Map<string, string[]>();

  private constructor(readonly text: string, readonly file: string, entries: PropertyEntry[]) {
    this.entries = entries;
    // The last duplicate wins; the map's own order is never used (keys() orders by position).
    for (const entry of entries) this.byKey.set(entry.key, entry);
  }

  static parse(text: string, file = '<properties>'): PropertiesDocument {
    return new PropertiesDocument(text, file, readEntries(text, file));
  }

  /** The value in force for `key` (the last occurrence), or undefined. */
  get(key: string): string | undefined {
    return this.byKey.get(key)?.value;
  }

  /** The entry in force for `key` (the last occurrence). */
  entry(key: string): PropertyEntry | undefined {
    return this.byKey.get(key);
  }

  /** Distinct keys, ordered by where their effective (last) occurrence stands. */
  keys(): readonly string[] {
    this.orderedKeys ??= [...this.byKey.values()].sort((a, b) => a.start - b.start).map((entry) => entry.key);
    return this.orderedKeys;
  }

  /**
   * The distinct keys that begin with `prefix` followed by a dot, in document order,
   * found by binary search in the sorted keys of the prefix's namespace (its first
   * two segments, such as `log4j.appender`): reading an appender's options costs the
   * number of its own keys, and 100,000 `log4j.logger.*` keys are never sorted for it.
   */
  keysUnder(prefix: string): readonly string[] {
    const secondDot = prefix.indexOf('.', prefix.indexOf('.') + 1);
    const namespace = secondDot < 0 ? prefix : prefix.slice(0, secondDot);
    let sorted = this.sortedKeys.get(namespace);
    if (!sorted) {
      sorted = [...this.byKey.keys()].filter((key) => key.startsWith(`${namespace}.`)).sort();
      this.sortedKeys.set(namespace, sorted);
    }
    const from = `${prefix}.`;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < from) low = middle + 1;
      else high = middle;
    }
    const found: PropertyEntry[] = [];
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(from); i++) found.push(this.byKey.get(sorted[i]!)!);
    return found.sort((a, b) => a.start - b.start).map((entry) => entry.key);
  }

  /** The line separator the file mostly uses, so that added lines match it. */
  get lineSeparator(): string {
    const crlf = this.text.split('\r\n').length - 1;
    const lf = this.text.split('\n').length - 1 - crlf;
    if (crlf > lf) return '\r\n';
    if (lf === 0 && this.text.includes('\r')) return '\r';
    return '\n';
  }

  /** A copy of the text with `entry`'s raw value replaced by `rawValue` (already escaped). */
  replaceRawValue(entry: PropertyEntry, rawValue: string): string {
    return this.text.slice(0, entry.valueStart) + rawValue + this.text.slice(entry.end);
  }

  /** A copy of the text with `line` (no terminator) inserted after `entry`, or at the end when entry is null. */
  insertLineAfter(entry: PropertyEntry | null, line: string): string {
    const separator = this.lineSeparator;
    if (entry) {
      const terminated = entry.next > entry.end;
      const at = entry.next;
      const before = terminated ? '' : separator;
      return this.text.slice(0, at) + before + line + (terminated ? separator : '') + this.text.slice(at);
    }
    const needsBreak = this.text.length > 0 && !isEol(this.text[this.text.length - 1]);
    return this.text + (needsBreak ? separator : '') + line + separator;
  }
}

/**
 * Where the next `\n`, `\r` or `\` stands at or after a position, found by indexOf and
 * remembered until the reader passes it: the searches cover the text once in all.
 */
class Landmarks {
  private readonly found = new Map<string, number>();

  constructor(private readonly text: string) {}

  next(char: '\n' | '\r' | '\\', from: number): number {
    const known = this.found.get(char);
    if (known !== undefined && known >= from) return known;
    const at = this.text.indexOf(char, from);
    const position = at < 0 ? this.text.length : at;
    this.found.set(char, position);
    return position;
  }

  lineEnd(from: number): number {
    return Math.min(this.next('\n', from), this.next('\r', from));
  }
}

function readEntries(text: string, file: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  const n = text.length;
  const landmarks = new Landmarks(text);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 1;

  while (i < n) {
    while (i < n && isBlank(text[i])) i++;
    if (i >= n) break;
    const first = text[i];
    if (isEol(first)) {
      i = skipTerminator(text, i);
      lineNo++;
      continue;
    }
    if (first === '#' || first === '!') {
      i = landmarks.lineEnd(i);
      if (i < n) {
        i = skipTerminator(text, i);
        lineNo++;
      }
      continue;
    }

    const entryLine = lineNo;
    const start = i;
    const eol = landmarks.lineEnd(i);
    if (landmarks.next('\\', i) >= eol) {
      // Nearly every line of a real file: no escapes, no continuation, so key and value are slices of the text.
      const after = eol < n ? skipTerminator(text, eol) : n;
      if (eol < n) lineNo++;
      entries.push(splitPlain(text, { line: entryLine, start, end: eol, next: after }));
      i = after;
      continue;
    }
    const chars: string[] = [];
    const offsets: number[] = [];
    let backslash = false;
    let end: number;
    let next: number;
    for (;;) {
      if (i >= n) {
        if (backslash) {
          chars.pop();
          offsets.pop();
        }
        end = n;
        next = n;
        break;
      }
      const c = text[i]!;
      if (!isEol(c)) {
        chars.push(c);
        offsets.push(i);
        backslash = c === '\\' ? !backslash : false;
        i++;
        continue;
      }
      const eol = i;
      const after = skipTerminator(text, i);
      lineNo++;
      if (!backslash) {
        end = eol;
        next = after;
        break;
      }
      // An odd number of trailing backslashes joins the next line, minus its leading blanks.
      chars.pop();
      offsets.pop();
      backslash = false;
      if (after >= n) {
        end = eol;
        next = after;
        break;
      }
      i = after;
      while (i < n && isBlank(text[i])) i++;
      if (i >= n) {
        end = i;
        next = i;
        break;
      }
      if (isEol(text[i])) {
        // A blank continuation line ends the logical line (java.util.Properties does the same).
        end = i;
        next = skipTerminator(text, i);
        lineNo++;
        break;
      }
    }
    i = next;
    entries.push(splitEntry(chars, offsets, { line: entryLine, start, end, next, file }));
  }
  return entries;
}

function splitPlain(text: string, at: { line: number; start: number; end: number; next: number }): PropertyEntry {
  const { start, end } = at;
  let keyEnd = start;
  let valueStart = end;
  let hasSeparator = false;
  for (; keyEnd < end; keyEnd++) {
    const c = text[keyEnd];
    if (c === '=' || c === ':') {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (isBlank(c)) {
      valueStart = keyEnd + 1;
      break;
    }
  }
  for (; valueStart < end; valueStart++) {
    const c = text[valueStart];
    if (isBlank(c)) continue;
    if (hasSeparator || (c !== '=' && c !== ':')) break;
    hasSeparator = true;
  }
  return { key: text.slice(start, keyEnd), value: text.slice(valueStart, end), line: at.line, start, valueStart, end, next: at.next };
}

function splitEntry(
  chars: string[],
  offsets: number[],
  at: { line: number; start: number; end: number; next: number; file: string },
): PropertyEntry {
  const limit = chars.length;
  let keyLen = 0;
  let valueStart = limit;
  let hasSeparator = false;
  let backslash = false;
  while (keyLen < limit) {
    const c = chars[keyLen]!;
    if ((c === '=' || c === ':') && !backslash) {
      valueStart = keyLen + 1;
      hasSeparator = true;
      break;
    }
    if (isBlank(c) && !backslash) {
      valueStart = keyLen + 1;
      break;
    }
    backslash = c === '\\' ? !backslash : false;
    keyLen++;
  }
  while (valueStart < limit) {
    const c = chars[valueStart]!;
    if (!isBlank(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    valueStart++;
  }
  const key = unescape(chars, 0, keyLen, at);
  const value = unescape(chars, valueStart, limit, at);
  return {
    key,
    value,
    line: at.line,
    start: at.start,
    valueStart: valueStart < limit ? offsets[valueStart]! : at.end,
    end: at.end,
    next: at.next,
  };
}

function unescape(chars: string[], from: number, to: number, at: { line: number; file: string }): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const c = chars[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    if (i + 1 >= to) break;
    const e = chars[++i]!;
    switch (e) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const hex = chars.slice(i + 1, i + 5).join('');
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new ConfigurationError(`malformed \\uXXXX escape "\\u${hex}"`, at.file, at.line);
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default: out += e;
    }
  }
  return out;
}
