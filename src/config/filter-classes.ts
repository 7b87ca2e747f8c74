import type { OptionKind } from '../../appenders/registry.js';
import type { Filter } from '../filter/filter.js';
import { BurstFilter } from '../filter/burst-filter.js';
import { DenyAllFilter } from '../filter/deny-all-filter.js';
import { LevelMatchFilter } from '../filter/level-match-filter.js';
import { LevelRangeFilter } from '../filter/level-range-filter.js';
import { RegexFilter } from '../filter/regex-filter.js';
import { StringMatchFilter } from '../filter/string-match-filter.js';

/** A filter kind as `log4j.appender.X.filter.ID=<class>` names it. */
export interface FilterType {
  readonly className: string;
  readonly options: Readonly<Record<string, OptionKind>>;
  create(options: Record<string, unknown>): Filter;
}

const VARIA = 'org.apache.log4j.varia.';
const LOG4J2 = 'org.apache.logging.log4j.core.filter.';

const types: FilterType[] = [
  {
    className: `${VARIA}LevelMatchFilter`,
    options: { levelToMatch: 'level', acceptOnMatch: 'boolean' },
    create: (options) => new LevelMatchFilter(options),
  },
  {
    className: `${VARIA}LevelRangeFilter`,
    options: { levelMin: 'level', levelMax: 'level', acceptOnMatch: 'boolean' },
    create: (options) => new LevelRangeFilter(options),
  },
  {
    className: `${VARIA}StringMatchFilter`,
    options: { stringToMatch: 'string', acceptOnMatch: 'boolean' },
    create: (options) => new StringMatchFilter(options),
  },
  {
    className: `${VARIA}DenyAllFilter`,
    options: {},
    create: () => new DenyAllFilter(),
  },
  {
    className: `${LOG4J2}RegexFilter`,
    options: { regex: 'string', onMatch: 'trimmed', onMismatch: 'trimmed' },
    create: (options) => new RegexFilter(options),
  },
  {
    className: `${LOG4J2}BurstFilter`,
    options: { level: 'level', rate: 'integer', maxBurst: 'integer', onMatch: 'trimmed', onMismatch: 'trimmed' },
    create: (options) => new BurstFilter(options),
  },
];

const byName = new Map<string, FilterType>();
for (const type of types) {
  byName.set(type.className, type);
  // Short names: the bare class name, any case (LevelRangeFilter, levelRange).
  const bare = type.className.slice(type.className.lastIndexOf('.') + 1);
  byName.set(bare.toLowerCase(), type);
  byName.set(bare.replace(/Filter$/, '').toLowerCase(), type);
}

export function findFilterType(className: string): FilterType | undefined {
  return byName.get(className) ?? byName.get(className.toLowerCase());
}
