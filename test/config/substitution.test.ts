import { expect } from 'chai';
import { Substitution, type SubstitutionSources } from '../../src/config/substitution.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';

const at = { file: 'f.properties', line: 7, key: 'log4j.appender.A.File' };

function substitute(value: string, s: SubstitutionSources, position = at): string {
  return new Substitution(s).apply(value, position);
}

function sources(file: Record<string, string>, environment: Record<string, string> = {}, supplied: Record<string, string> = {}): SubstitutionSources {
  return { file: (name) => file[name], environment, supplied };
}

describe('${} substitution', () => {
  it('looks in the file first, then the environment, then the supplied map', () => {
    const s = sources({ a: 'file' }, { a: 'env', b: 'env' }, { a: 'map', b: 'map', c: 'map' });
    expect(substitute('${a}/${b}/${c}', s, at)).to.equal('file/env/map');
  });

  it('leaves text without ${ alone and keeps text around variables', () => {
    expect(substitute('plain $ {x} $x', sources({}), at)).to.equal('plain $ {x} $x');
    expect(substitute('pre-${x}-post', sources({ x: 'X' }), at)).to.equal('pre-X-post');
  });

  it('substitutes recursively in values from the file and the map', () => {
    const s = sources({ x1: 'p1', x2: '${x1}', dir: '${home}/logs' }, {}, { home: '/opt/${x2}' });
    expect(substitute('Hello ${x2} in ${dir}', s, at)).to.equal('Hello p1 in /opt/p1/logs');
  });

  it('takes environment values literally', () => {
    expect(substitute('${E}', sources({}, { E: '${x}' }), at)).to.equal('${x}');
  });

  it('replaces a name found nowhere by the empty string, as log4j does', () => {
    expect(substitute('[${missing}]', sources({}), at)).to.equal('[]');
  });

  it('ends a name at the first closing brace, as log4j does', () => {
    expect(substitute('${a${b}}', sources({ 'a${b': 'v' }), at)).to.equal('v}');
  });

  it('reports an unclosed ${ with file, line and key', () => {
    try {
      substitute('logs/${dir', sources({}), at);
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigurationError);
      expect((e as Error).message).to.equal('f.properties:7: log4j.appender.A.File: "logs/${dir" has no closing brace for the "${" at position 5');
    }
  });

  it('reports an unclosed ${ inside a referenced value', () => {
    expect(() => substitute('${a}', sources({ a: 'x${' }), at)).to.throw(ConfigurationError, /in the value of \$\{a\}/);
  });

  it('detects cycles instead of overflowing the stack', () => {
    expect(() => substitute('${a}', sources({ a: '${b}', b: '${a}' }), at))
      .to.throw(ConfigurationError, /circular substitution \$\{a\} -> \$\{b\} -> \$\{a\}/);
  });

  it('limits the depth of long chains', () => {
    const file: Record<string, string> = {};
    for (let i = 0; i < 40; i++) file[`v${i}`] = `\${v${i + 1}}`;
    expect(() => substitute('${v0}', sources(file), at)).to.throw(ConfigurationError, /deeper than 32/);
  });

  describe('bounds the work a file can cause', () => {
    // a0=xx, a1=${a0}${a0}, ...: each line doubles the text; 26 lines would make 128 MB.
    const doubling = (lines: number): { file: Record<string, string>; reads: string[] } => {
      const file: Record<string, string> = { a0: 'xx' };
      for (let i = 1; i < lines; i++) file[`a${i}`] = `\${a${i - 1}}\${a${i - 1}}`;
      const reads: string[] = [];
      return { file, reads };
    };

    it('expands each variable once per load, however often it is referenced', () => {
      const { file, reads } = doubling(10);
      const counted: SubstitutionSources = { file: (name) => (reads.push(name), file[name]), environment: {}, supplied: {} };
      const substitution = new Substitution(counted);
      expect(substitution.apply('${a9}', at)).to.have.length(2 ** 10);
      expect(substitution.apply('${a9}', at)).to.have.length(2 ** 10);
      // Each variable looked up from each of the two places it is referenced (and a9 from both reads), not 2^10 times.
      expect(reads.length).to.be.at.most(2 * 10 + 2);
    });

    it('refuses a value that would expand beyond the limit, naming the key and the variable', () => {
      const { file } = doubling(26);
      try {
        substitute('${a25}', sources(file));
        expect.fail('should throw');
      } catch (e) {
        expect(e).to.be.instanceOf(ConfigurationError);
        const error = e as ConfigurationError;
        expect(error.key).to.equal('log4j.appender.A.File');
        expect(error.line).to.equal(7);
        expect(error.message).to.match(/\$\{a16\} expands to more than 65536 characters \(at \$\{a15\}\)/);
      }
    });

    it('refuses a configuration whose substitutions together insert too much', () => {
      const substitution = new Substitution(sources({ big: 'x'.repeat(1000) }), { maxValueLength: 2000, maxTotalInserted: 5000 });
      for (let i = 0; i < 5; i++) substitution.apply('${big}', at);
      expect(() => substitution.apply('${big}', { ...at, key: 'log4j.appender.B.File' }))
        .to.throw(ConfigurationError, /log4j\.appender\.B\.File: substitutions in this configuration insert more than 5000 characters/);
    });

    it('still substitutes values up to the limit', () => {
      const { file } = doubling(16);
      expect(substitute('${a15}', sources(file))).to.have.length(2 ** 16);
    });
  });
});
