import { expect } from 'chai';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { effectiveMembers, JsonDocument, type JsonNode } from '../../../src/config/json/json-document.js';

/** The value a node stands for, read back from its own text span. */
function valueOf(text: string, node: JsonNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'array') return node.items.map((item) => valueOf(text, item));
  const object: Record<string, unknown> = {};
  for (const member of effectiveMembers(node)) {
    expect(JSON.parse(text.slice(member.keyStart, member.keyEnd))).to.equal(member.key);
    Object.defineProperty(object, member.key, { value: valueOf(text, member.value), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** A deterministic generator of JSON values with awkward strings and numbers. */
function* values(seed: number, count: number): Generator<unknown> {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const strings = ['', 'a', 'quote "', 'back\\slash', 'tab\t', 'ü€😀', '\u0000', '__proto__', 'INFO, console'];
  const numbers = [0, -1, 1.5, 1e21, -2.5e-7, 123456789];
  const make = (depth: number): unknown => {
    const pick = next(depth > 3 ? 5 : 7);
    if (pick === 0) return null;
    if (pick === 1) return next(2) === 0;
    if (pick === 2) return numbers[next(numbers.length)];
    if (pick <= 4) return strings[next(strings.length)];
    if (pick === 5) return Array.from({ length: next(4) }, () => make(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = next(4); i > 0; i--) Object.defineProperty(object, strings[next(strings.length)]!, { value: make(depth + 1), enumerable: true, writable: true, configurable: true });
    return object;
  };
  for (let i = 0; i < count; i++) yield make(0);
}

describe('JsonDocument (JSON text with the position of every value)', () => {
  it('reads what JSON.parse reads, each value\'s span holding that value, in every layout', () => {
    for (const value of values(7, 300)) {
      for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2), JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n'), ` ${JSON.stringify(value, null, 1)}\n`]) {
        const doc = JsonDocument.parse(text, 'x.json');
        expect(valueOf(text, doc.root)).to.deep.equal(JSON.parse(text));
      }
    }
  });

  it('keeps every member of a repeated key, and the last as the one JSON.parse keeps', () => {
    const text = '{"a": 1, "b": 2, "a": 3}';
    const root = JsonDocument.parse(text, 'x.json').root;
    if (root.kind !== 'object') throw new Error('an object was expected');
    expect(root.members.map((member) => member.key)).to.deep.equal(['a', 'b', 'a']);
    expect(effectiveMembers(root).map((member) => text.slice(member.keyStart, member.value.end))).to.deep.equal(['"b": 2', '"a": 3']);
  });

  it('refuses what JSON.parse refuses, naming the file and line', () => {
    for (const text of ['', '{', '{"a" 1}', '{"a": 1,}', '[1 2]', '{a: 1}', '"\t"', '"\\x"', '01', '1.', 'tru', '{} x', "'a'", '[1,]']) {
      expect(() => JSON.parse(text), text).to.throw(SyntaxError);
      expect(() => JsonDocument.parse(text, 'x.json'), text).to.throw(ConfigurationError, /^x\.json:\d+: invalid JSON/);
    }
    expect(() => JsonDocument.parse('{\r\n  "a": 1,\r\n  "b": }', 'x.json')).to.throw('x.json:3: invalid JSON: a value was expected');
  });

  it('tells the line of an offset, whatever the line separator', () => {
    const doc = JsonDocument.parse('{\r\n"a":\r1,\n"b": 2}', 'x.json');
    expect([0, 3, 8, 11].map((offset) => doc.lineOf(offset))).to.deep.equal([1, 2, 3, 4]);
  });
});
