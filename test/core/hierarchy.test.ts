import { expect } from 'chai';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { InternalLog } from '../../src/internal-log.js';
import { Logger } from '../../src/logger.js';

describe('Hierarchy', () => {
  let hierarchy: Hierarchy;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  beforeEach(() => {
    hierarchy = new Hierarchy();
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });
  afterEach(() => {
    InternalLog.setSink(previousSink);
  });

  describe('names and parents', () => {
    it('gives the root logger for no name, an empty name and "root"', () => {
      expect(hierarchy.getLogger()).to.equal(hierarchy.root);
      expect(hierarchy.getLogger('')).to.equal(hierarchy.root);
      expect(hierarchy.getLogger('root')).to.equal(hierarchy.root);
      expect(hierarchy.root.name).to.equal('root');
    });

    it('returns the same logger for the same name', () => {
      expect(hierarchy.getLogger('a.b')).to.equal(hierarchy.getLogger('a.b'));
    });

    it('links a logger to its nearest existing ancestor', () => {
      const a = hierarchy.getLogger('a');
      const abc = hierarchy.getLogger('a.b.c');
      expect(abc.parent).to.equal(a);
      expect(a.parent).to.equal(hierarchy.root);
    });

    it('re-parents descendants when an intermediate logger is created later', () => {
      const a = hierarchy.getLogger('a');
      const abcd = hierarchy.getLogger('a.b.c.d');
      const abx = hierarchy.getLogger('a.b.x');
      expect(abcd.parent).to.equal(a);
      const ab = hierarchy.getLogger('a.b');
      expect(abcd.parent).to.equal(ab);
      expect(abx.parent).to.equal(ab);
      expect(ab.parent).to.equal(a);
      const abc = hierarchy.getLogger('a.b.c');
      expect(abcd.parent).to.equal(abc);
      expect(abc.parent).to.equal(ab);
      expect(abx.parent).to.equal(ab);
    });

    it('does not adopt loggers whose parent is already nearer', () => {
      const abc = hierarchy.getLogger('a.b.c');
      const abcd = hierarchy.getLogger('a.b.c.d');
      hierarchy.getLogger('a');
      expect(abcd.parent).to.equal(abc);
    });

    it('does not treat a name prefix as an ancestor', () => {
      const ab = hierarchy.getLogger('a.b');
      const abc = hierarchy.getLogger('a.bc');
      expect(abc.parent).to.equal(hierarchy.root);
      expect(ab.parent).to.equal(hierarchy.root);
    });

    it('lists the loggers created so far', () => {
      hierarchy.getLogger('x.y');
      hierarchy.getLogger('x');
      expect(hierarchy.getCurrentLoggers().map((l) => l.name).sort()).to.deep.equal(['x', 'x.y']);
      expect(hierarchy.exists('x.y')).to.equal(true);
      expect(hierarchy.exists('x.z')).to.equal(false);
    });
  });

  describe('effective level', () => {
    it('inherits the nearest ancestor level; root defaults to DEBUG', () => {
      const abc = hierarchy.getLogger('a.b.c');
      expect(abc.getEffectiveLevel()).to.equal(Level.DEBUG);
      hierarchy.getLogger('a').level = Level.WARN;
      expect(abc.getEffectiveLevel()).to.equal(Level.WARN);
      abc.level = Level.TRACE;
      expect(abc.getEffectiveLevel()).to.equal(Level.TRACE);
      abc.level = null;
      expect(abc.getEffectiveLevel()).to.equal(Level.WARN);
    });

    it('updates cached enabled checks when an ancestor changes', () => {
      const abc = hierarchy.getLogger('a.b.c');
      expect(abc.isDebugEnabled()).to.equal(true);
      hierarchy.root.level = Level.ERROR;
      expect(abc.isDebugEnabled()).to.equal(false);
      expect(abc.isErrorEnabled()).to.equal(true);
      hierarchy.getLogger('a.b').level = 'trace';
      expect(abc.isTraceEnabled()).to.equal(true);
    });

    it('takes the level of a logger created in between', () => {
      const abc = hierarchy.getLogger('a.b.c');
      const memory = new MemoryAppender();
      hierarchy.root.addAppender(memory);
      const ab = hierarchy.getLogger('a.b');
      ab.level = Level.ERROR;
      abc.info('dropped');
      abc.error('kept');
      expect(memory.messages).to.deep.equal(['kept']);
    });

    it('rejects an unknown level name and a null root level', () => {
      expect(() => { hierarchy.getLogger('a').level = 'LOUD'; }).to.throw(/Unknown level "LOUD" for logger "a"/);
      expect(() => { hierarchy.root.level = null; }).to.throw(/root/);
    });

    it('applies the repository-wide threshold on top of logger levels', () => {
      const logger = hierarchy.getLogger('t');
      const memory = new MemoryAppender();
      logger.addAppender(memory);
      logger.level = Level.TRACE;
      hierarchy.threshold = Level.WARN;
      logger.trace('t');
      logger.info('i');
      logger.warn('w');
      logger.fatal('f');
      expect(memory.messages).to.deep.equal(['w', 'f']);
      expect(logger.isInfoEnabled()).to.equal(false);
      hierarchy.threshold = 'all';
      logger.trace('t2');
      expect(memory.messages).to.deep.equal(['w', 'f', 't2']);
    });

    it('OFF silences everything', () => {
      const logger = hierarchy.getLogger('quiet');
      const memory = new MemoryAppender();
      logger.addAppender(memory);
      logger.level = Level.OFF;
      logger.fatal('no');
      expect(memory.events).to.have.length(0);
    });
  });

  describe('additivity', () => {
    it('sends an event to the logger appenders and then every ancestor', () => {
      const root = new MemoryAppender({ name: 'root' });
      const a = new MemoryAppender({ name: 'a' });
      const abc = new MemoryAppender({ name: 'abc' });
      hierarchy.root.addAppender(root);
      hierarchy.getLogger('a').addAppender(a);
      hierarchy.getLogger('a.b.c').addAppender(abc);
      hierarchy.getLogger('a.b.c').info('m');
      expect([root.events.length, a.events.length, abc.events.length]).to.deep.equal([1, 1, 1]);
    });

    it('stops after the first logger with additivity false has been served', () => {
      const root = new MemoryAppender();
      const security = new MemoryAppender();
      hierarchy.root.addAppender(root);
      const audit = hierarchy.getLogger('com.kantegasso.AuditLog');
      audit.addAppender(security);
      audit.additivity = false;
      audit.info('The user has PASSED');
      hierarchy.getLogger('com.kantegasso.AuditLog.child').info('child');
      hierarchy.getLogger('com.kantegasso').info('other');
      expect(security.messages).to.deep.equal(['The user has PASSED', 'child']);
      expect(root.messages).to.deep.equal(['other']);
      audit.additivity = true;
      audit.info('again');
      expect(root.messages).to.deep.equal(['other', 'again']);
    });

    it('sees appenders added or removed after the first event', () => {
      const logger = hierarchy.getLogger('p.q');
      logger.info('before');
      const memory = new MemoryAppender({ name: 'late' });
      hierarchy.getLogger('p').addAppender(memory);
      logger.info('after');
      expect(memory.messages).to.deep.equal(['after']);
      expect(hierarchy.getLogger('p').removeAppender('late')).to.equal(memory);
      logger.info('gone');
      expect(memory.messages).to.deep.equal(['after']);
    });

    it('warns once when a logger reaches no appender at all', () => {
      hierarchy.getLogger('lonely').info('x');
      hierarchy.getLogger('lonely2').info('y');
      expect(internal.filter((l) => l.includes('No appenders could be found'))).to.have.length(1);
      expect(internal[0]).to.include('lonely');
    });
  });

  describe('resetConfiguration and shutdown', () => {
    it('restores defaults and closes every appender', async () => {
      const memory = new MemoryAppender();
      const logger = hierarchy.getLogger('r.s');
      logger.level = Level.ERROR;
      logger.additivity = false;
      logger.addAppender(memory);
      hierarchy.threshold = Level.FATAL;
      hierarchy.root.level = Level.OFF;
      await hierarchy.resetConfiguration();
      expect(memory.isClosed).to.equal(true);
      expect(logger.level).to.equal(null);
      expect(logger.additivity).to.equal(true);
      expect(logger.appenders).to.have.length(0);
      expect(hierarchy.threshold).to.equal(Level.ALL);
      expect(hierarchy.root.level).to.equal(Level.DEBUG);
      expect(logger.isDebugEnabled()).to.equal(true);
    });

    it('shutdown waits for every close and reports logging afterwards instead of throwing', async () => {
      let closed = 0;
      const slow = {
        name: 'slow',
        append() {},
        close: () => new Promise<void>((resolve) => setTimeout(() => { closed++; resolve(); }, 20)),
      };
      const memory = new MemoryAppender({ name: 'mem' });
      hierarchy.root.addAppender(slow);
      hierarchy.getLogger('z').addAppender(memory);
      await hierarchy.shutdown();
      expect(closed).to.equal(1);
      expect(memory.isClosed).to.equal(true);
      expect(() => hierarchy.getLogger('z').info('late')).not.to.throw();
      expect(internal.some((l) => l.includes('"mem"') && l.includes('closed'))).to.equal(true);
    });
  });

  describe('work per change', () => {
    // Counts the real cache refreshes (they still run): what a change costs is how many loggers it visits.
    let refreshes: string[];
    let invalidations: string[];
    const originals = { refreshLevel: Logger.prototype.refreshLevel, invalidateTargets: Logger.prototype.invalidateTargets };
    beforeEach(() => {
      refreshes = [];
      invalidations = [];
      Logger.prototype.refreshLevel = function (this: Logger) {
        refreshes.push(this.name);
        originals.refreshLevel.call(this);
      };
      Logger.prototype.invalidateTargets = function (this: Logger) {
        invalidations.push(this.name);
        originals.invalidateTargets.call(this);
      };
    });
    afterEach(() => {
      Object.assign(Logger.prototype, originals);
    });

    const siblings = (count: number): Logger[] => Array.from({ length: count }, (_, i) => hierarchy.getLogger(`app.pkg${i}.Service`));

    it('a level change refreshes only the loggers that inherit it', () => {
      siblings(500);
      const ab = hierarchy.getLogger('a.b');
      const inheriting = hierarchy.getLogger('a.b.c');
      const shielded = hierarchy.getLogger('a.b.d');
      shielded.level = Level.ERROR;
      const below = hierarchy.getLogger('a.b.d.e');
      refreshes = [];
      ab.level = Level.WARN;
      expect(refreshes.sort()).to.deep.equal(['a.b', 'a.b.c']);
      expect(inheriting.isInfoEnabled()).to.equal(false);
      expect(below.isErrorEnabled() && !below.isWarnEnabled()).to.equal(true);
      refreshes = [];
      hierarchy.root.level = Level.INFO;
      // root and the 500 loggers that inherit from it; a.b and all below it have levels of their own
      expect(refreshes).to.have.length(501);
      expect(refreshes).not.to.include('a.b.c');
    });

    it('an appender or additivity change forgets only the appender lists that pass through the logger', () => {
      siblings(500);
      const ab = hierarchy.getLogger('a.b');
      hierarchy.getLogger('a.b.c');
      hierarchy.getLogger('a.b.alone').additivity = false;
      hierarchy.getLogger('a.b.alone.inner');
      invalidations = [];
      const memory = new MemoryAppender({ name: 'm' });
      ab.addAppender(memory);
      expect(invalidations.sort()).to.deep.equal(['a.b', 'a.b.c']);
      hierarchy.getLogger('a.b.c').info('reaches a.b');
      hierarchy.getLogger('a.b.alone.inner').info('stops at a.b.alone');
      expect(memory.events.map((e) => e.message)).to.deep.equal(['reaches a.b']);
    });

    it('a logger created above existing ones forgets only their appender lists', () => {
      siblings(500);
      hierarchy.getLogger('x.y.z1');
      hierarchy.getLogger('x.y.z2');
      invalidations = [];
      hierarchy.getLogger('x.y');
      expect(invalidations.sort()).to.deep.equal(['x.y.z1', 'x.y.z2']);
    });

    it('a batch of changes refreshes every logger once, at its end', () => {
      const loggers = siblings(500);
      refreshes = [];
      invalidations = [];
      const memory = new MemoryAppender({ name: 'm' });
      hierarchy.batch(() => {
        hierarchy.root.level = Level.WARN;
        for (const logger of loggers) {
          logger.level = Level.DEBUG;
          logger.additivity = false;
          logger.addAppender(memory);
        }
        expect(refreshes).to.have.length(0);
      });
      expect(refreshes).to.have.length(501);
      expect(invalidations).to.have.length(501);
      loggers[7]!.debug('enabled and delivered after the batch');
      expect(memory.events).to.have.length(1);
    });

    it('resetConfiguration refreshes every logger once', async () => {
      const loggers = siblings(500);
      let name = 'deep';
      for (let i = 0; i < 50; i++, name += `.n${i}`) hierarchy.getLogger(name).level = Level.ERROR;
      for (const logger of loggers) logger.level = Level.WARN;
      refreshes = [];
      await hierarchy.resetConfiguration();
      expect(refreshes).to.have.length(1 + 500 + 50);
      expect(loggers[3]!.isDebugEnabled()).to.equal(true);
    });

    it('a batch that throws still leaves every logger refreshed', () => {
      const logger = hierarchy.getLogger('thrown');
      expect(() => hierarchy.batch(() => {
        logger.level = Level.ERROR;
        throw new Error('half way');
      })).to.throw('half way');
      expect(logger.isWarnEnabled()).to.equal(false);
    });
  });
});
