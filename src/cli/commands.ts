import type { CommandModule } from './command.js';

export interface CommandEntry {
  /** One line for `logwarden --help`. */
  readonly summary: string;
  /** Imported only when the command runs, so one command never pays for loading the others. */
  load(): Promise<CommandModule>;
}

/**
 * Every `logwarden` command, by its name as typed (words separated by one space,
 * e.g. `audit verify`). Add a command here and in a file of its own under src/cli/.
 */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  'audit verify': {
    summary: 'verify a chained audit log: hash chain, signed checkpoints, rotated files',
    load: () => import('./audit-verify-command.js'),
  },
  check: {
    summary: 'check configuration files without applying them (a dry run: no file or socket opened)',
    load: () => import('./check-command.js'),
  },
  level: {
    summary: 'write a logger\'s level into a .properties file without a running process',
    load: () => import('./level-command.js'),
  },
  tokens: {
    summary: 'which token each client used, from product logs and the audit log (table, --json, --csv)',
    load: () => import('./tokens-command.js'),
  },
};
