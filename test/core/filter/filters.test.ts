import { expect } from 'chai';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { FilterDecision, passesFilters } from '../../../src/filter/filter.js';
import { LevelMatchFilter } from '../../../src/filter/level-match-filter.js';
import { LevelRangeFilter } from '../../../src/filter/level-range-filter.js';
import { StringMatchFilter } from '../../../src/filter/string-match-filter.js';
import { DenyAllFilter } from '../../../src/filter/deny-all-filter.js';

const event = (level: Level, message = 'hello world'): LoggingEvent => ({
  timestamp: 0, level, loggerName: 'f', message, threadName: 'main', mdc: {}, ndc: '',
});

describe('filters', () => {
  describe('LevelMatchFilter', () => {
    it('accepts its level, is neutral on others', () => {
      const filter = new LevelMatchFilter({ levelToMatch: 'WARN' });
      expect(filter.decide(event(Level.WARN))).to.equal(FilterDecision.ACCEPT);
      expect(filter.decide(event(Level.ERROR))).to.equal(FilterDecision.NEUTRAL);
    });
    it('denies its level when acceptOnMatch is false', () => {
      const filter = new LevelMatchFilter({ levelToMatch: Level.DEBUG, acceptOnMatch: false });
      expect(filter.decide(event(Level.DEBUG))).to.equal(FilterDecision.DENY);
    });
  });

  describe('LevelRangeFilter', () => {
    it('denies outside the range and is neutral inside by default', () => {
      const filter = new LevelRangeFilter({ levelMin: 'INFO', levelMax: 'ERROR' });
      expect(filter.decide(event(Level.DEBUG))).to.equal(FilterDecision.DENY);
      expect(filter.decide(event(Level.FATAL))).to.equal(FilterDecision.DENY);
      expect(filter.decide(event(Level.WARN))).to.equal(FilterDecision.NEUTRAL);
    });
    it('accepts inside the range with acceptOnMatch', () => {
      const filter = new LevelRangeFilter({ levelMin: Level.INFO, acceptOnMatch: true });
      expect(filter.decide(event(Level.FATAL))).to.equal(FilterDecision.ACCEPT);
    });
  });

  describe('StringMatchFilter', () => {
    it('accepts messages containing the string, neutral otherwise', () => {
      const filter = new StringMatchFilter({ stringToMatch: 'world' });
      expect(filter.decide(event(Level.INFO))).to.equal(FilterDecision.ACCEPT);
      expect(filter.decide(event(Level.INFO, 'bye'))).to.equal(FilterDecision.NEUTRAL);
    });
    it('denies on match when acceptOnMatch is false', () => {
      const filter = new StringMatchFilter({ stringToMatch: 'password', acceptOnMatch: false });
      expect(filter.decide(event(Level.INFO, 'password=x'))).to.equal(FilterDecision.DENY);
    });
  });

  describe('a chain', () => {
    it('stops at the first ACCEPT or DENY; all NEUTRAL passes', () => {
      const onlyErrors = [new LevelMatchFilter({ levelToMatch: 'ERROR' }), new DenyAllFilter()];
      expect(passesFilters(onlyErrors, event(Level.ERROR))).to.equal(true);
      expect(passesFilters(onlyErrors, event(Level.INFO))).to.equal(false);
      const noisy = [new StringMatchFilter({ stringToMatch: 'heartbeat', acceptOnMatch: false }), new LevelRangeFilter({ levelMin: 'INFO' })];
      expect(passesFilters(noisy, event(Level.INFO, 'heartbeat ok'))).to.equal(false);
      expect(passesFilters(noisy, event(Level.INFO, 'login'))).to.equal(true);
      expect(passesFilters(noisy, event(Level.DEBUG, 'login'))).to.equal(false);
      expect(passesFilters([], event(Level.TRACE))).to.equal(true);
    });
  });
});
