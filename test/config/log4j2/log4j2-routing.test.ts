import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryAppender } from '../../../appenders/memory-appender.js';
import type { RoutingAppender } from '../../../appenders/routing/routing-appender.js';
import { configure } from '../../../src/config/configure.js';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { MDC } from '../../../src/context/mdc.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';

// The shape of the Log4j 2 manual's Routing example (Appenders, RoutingAppender): a file
// per key made from a nested appender, a <Route ref> for one key, and a route for events
// without the key (Log4j 2 leaves the unresolved lookup as written, so key="$${ctx:user}").
const routingXml = (dir: string, extra = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<Configuration>
  <Appenders>
    <Memory name="audit"><PatternLayout pattern="audit %X{user} %m%n"/></Memory>
    <Memory name="anonymous"><PatternLayout pattern="anonymous %m%n"/></Memory>
    <Routing name="Routing"${extra}>
      <Routes pattern="$\${ctx:user}">
        <Route>
          <File name="File-\${ctx:user}" fileName="${dir}/\${ctx:user}.log">
            <PatternLayout pattern="%X{user} %m%n"/>
          </File>
        </Route>
        <Route ref="audit" key="auditor"/>
        <Route ref="anonymous" key="$\${ctx:user}"/>
      </Routes>
      <IdlePurgePolicy timeToLive="15" timeUnit="minutes"/>
    </Routing>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="Routing"/></Root>
  </Loggers>
</Configuration>
`;

describe('Log4j 2 XML <Routing>', () => {
  let dir: string;
  let logs: string;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-routing-'));
    logs = join(dir, 'logs');
  });

  afterEach(async () => {
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (xml: string): string => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, xml);
    return path;
  };
  const as = (user: string | undefined, message: string): void => {
    if (user === undefined) getLogger('app').info(message);
    else MDC.run({ user }, () => getLogger('app').info(message));
  };

  it('makes an appender per key from the route\'s nested appender, sends a ref route\'s key to that appender, and events without the key to theirs', async () => {
    expect(configure(write(routingXml(logs)), { watch: false }).warnings).to.deep.equal([]);
    as('alice', 'one');
    as('bob', 'two');
    as('alice', 'three');
    as('auditor', 'checked');
    as(undefined, 'nobody');
    await LogManager.shutdown();
    expect(readdirSync(logs).sort()).to.deep.equal(['alice.log', 'bob.log']);
    expect(readFileSync(join(logs, 'alice.log'), 'utf8')).to.equal('alice one\nalice three\n');
    expect(readFileSync(join(logs, 'bob.log'), 'utf8')).to.equal('bob two\n');
  });

  it('sends to the appenders of ref routes, which stay the configuration\'s (counted attached, closed at shutdown)', async () => {
    configure(write(routingXml(logs)), { watch: false });
    const routing = getLogger().getAppender('Routing') as RoutingAppender;
    const [audit, anonymous] = routing.forwardsTo as MemoryAppender[];
    as('auditor', 'checked');
    as(undefined, 'nobody');
    expect(audit!.text).to.equal('audit auditor checked\n');
    expect(anonymous!.text).to.equal('anonymous nobody\n');
    expect(routing.madeKeys).to.deep.equal([]);
    await LogManager.resetConfiguration();
    expect(audit!.isClosed).to.equal(true);
  });

  it('makes a looked-up value safe for a path: a key cannot climb out of the folder or break a line', async () => {
    configure(write(routingXml(logs)), { watch: false });
    as('../../escape', 'a');
    as('..', 'b');
    as('eve\nINFO forged', 'c');
    await LogManager.shutdown();
    expect(existsSync(join(dir, 'escape.log'))).to.equal(false);
    expect(readdirSync(logs).sort()).to.deep.equal(['..%2F..%2Fescape.log', '%2E%2E.log', 'eve%0AINFO%20forged.log'].sort());
  });

  it('keeps at most maxAppenders made appenders open, closing the one used least recently (made again when its key comes back)', async () => {
    configure(write(routingXml(logs, ' maxAppenders="2"')), { watch: false });
    const routing = getLogger().getAppender('Routing') as RoutingAppender;
    as('a', '1');
    as('b', '2');
    as('a', '3');
    as('c', '4');
    expect(routing.madeKeys.sort()).to.deep.equal(['a', 'c']);
    as('b', '5');
    expect(routing.madeKeys.sort()).to.deep.equal(['b', 'c']);
    await LogManager.shutdown();
    expect(readFileSync(join(logs, 'a.log'), 'utf8')).to.equal('a 1\na 3\n');
    expect(readFileSync(join(logs, 'b.log'), 'utf8')).to.equal('b 2\nb 5\n');
    expect(readFileSync(join(logs, 'c.log'), 'utf8')).to.equal('c 4\n');
  });

  it('closes made appenders idle longer than the IdlePurgePolicy timeToLive', () => {
    configure(write(routingXml(logs)), { watch: false });
    const routing = getLogger().getAppender('Routing') as RoutingAppender;
    as('a', '1');
    const used = Date.now();
    routing.purgeIdle(used + 14 * 60_000);
    expect(routing.madeKeys).to.deep.equal(['a']);
    routing.purgeIdle(used + 16 * 60_000);
    expect(routing.madeKeys).to.deep.equal([]);
  });

  it('warns about what it does not support and refuses a route without an appender or a ref, naming file, line and element', () => {
    const warned = configure(write(routingXml(logs).replace('$${ctx:user}">', '$${sd:type}">').replace('<IdlePurgePolicy', '<Script name="x"/><IdlePurgePolicy')), { watch: false }).warnings;
    expect(warned.some((w) => w.includes('run-time lookup ${sd:type} is not supported'))).to.equal(true);
    expect(warned.some((w) => w.includes('Routing element <Script> is not supported; ignored'))).to.equal(true);
    const path = write(routingXml(logs).replace('<Route ref="audit" key="auditor"/>', '<Route key="x"/>'));
    expect(() => configure(path, { watch: false })).to.throw(ConfigurationError, /log4j2\.xml:\d+:\d+: Configuration\/Appenders\/Routing\[@name="Routing"\]\/Routes\/Route: a Route needs a ref="..." or exactly one appender inside it/);
  });

  it('refuses a route that leads back to its router', () => {
    const path = write(routingXml(logs).replace('<Route ref="audit" key="auditor"/>', '<Route ref="Routing" key="auditor"/>'));
    expect(() => configure(path, { watch: false })).to.throw(ConfigurationError, /appender "Routing" forwards to itself \(Routing -> Routing\)/);
  });
});
