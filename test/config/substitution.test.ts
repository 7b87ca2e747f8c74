import { expect } from 'chai';
import { substitute, type SubstitutionSources } from '../../src/config/substitution.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';

const at = { file: 'f.properties', line: 7, key: 'log4j.appender.A.File' };

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
});
