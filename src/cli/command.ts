/** Where a command writes and what it reads from its environment; the real process in `main.ts`, a capture in tests. */
export interface CommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/**
 * One `logwarden` command: the module a command entry loads. `run` gets the
 * arguments after the command's name (`--help` included: every command prints
 * its own usage) and answers the process exit code.
 */
export interface CommandModule {
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Exit codes every command keeps: 0 done and fine, 1 done and found a problem, 2 could not do it. */
export const EXIT_OK = 0;
export const EXIT_FINDING = 1;
export const EXIT_USAGE = 2;
