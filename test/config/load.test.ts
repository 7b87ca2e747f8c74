import { expect } from 'chai';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import { parseConfigText, type ConfigFormat } from '../../src/config/load.js';

const vars = { environment: {}, supplied: {} };

function refusal(text: string, file: string, format: ConfigFormat): ConfigurationError {
  try {
    parseConfigText(text, file, format, vars);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  return expect.fail(`expected ${JSON.stringify(text.slice(0, 40))} to be refused`);
}

describe('reading configuration text', () => {
  it('refuses an empty .properties file, or one with only comments, instead of switching logging off', () => {
    for (const text of ['', '\n', '# log4j.rootLogger=INFO, A\n! nothing\n']) {
      expect(refusal(text, 'c.properties', 'properties').message)
        .to.equal('c.properties:1: has no log4j.* entry: the file is empty or not a log4j configuration');
    }
  });

  it('refuses random bytes read as .properties', () => {
    let seed = 12;
    const byte = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (let n = 0; n < 12; n++) {
      const bytes = String.fromCharCode(...Array.from({ length: 64 + n * 300 }, byte));
      expect(refusal(bytes, `random-${n}.properties`, 'properties').message).to.match(new RegExp(`^random-${n}\\.properties:\\d+: `));
    }
  });

  it('refuses an empty YAML or JSON file, and one without any configuration key', () => {
    expect(refusal('', 'c.yaml', 'yaml').message).to.equal('c.yaml:1: is empty: no configuration');
    expect(refusal('# only a comment\n', 'c.yaml', 'yaml').message).to.equal('c.yaml:1: is empty: no configuration');
    expect(refusal('null', 'c.json', 'json').message).to.equal('c.json:1: is empty: no configuration');
    expect(refusal('{}', 'c.json', 'json').message).to.match(/^c\.json:1: has none of the keys debug, reset, threshold, properties, root, loggers, appenders: not a configuration$/);
    expect(refusal('rootLogger: INFO\n', 'c.yaml', 'yaml').message).to.match(/^c\.yaml:1: has none of the keys/);
  });

  it('still reads a file with a single log4j entry', () => {
    expect(parseConfigText('log4j.threshold=WARN\n', 'c.properties', 'properties', vars).threshold?.name).to.equal('WARN');
  });
});
