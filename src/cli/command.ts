import { parseArgs, type ParseArgsConfig } from 'node:util';

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

/** `logwarden <command>: <message>` and where to find the usage, on stderr; answers EXIT_USAGE. */
export function usageError(io: CommandIo, command: string, message: string): number {
  io.stderr.write(`logwarden ${command}: ${message}\nRun 'logwarden ${command} --help' for the usage.\n`);
  return EXIT_USAGE;
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type CommandOptions = NonNullable<ParseArgsConfig['options']>;
type CommandConfig<O extends CommandOptions> = { args: string[]; allowPositionals: true; strict: true; options: O & typeof HELP };
export type CommandArguments<O extends CommandOptions> = ReturnType<typeof parseArgs<CommandConfig<O>>>;

/**
 * A command's arguments, read strictly with `-h`/`--help` added. Where there is
 * nothing left to do (the usage printed, or the arguments refused with a usage
 * error) the answer is the exit code instead.
 */
export function commandArguments<O extends CommandOptions>(command: string, usage: string, args: readonly string[], io: CommandIo, options: O): CommandArguments<O> | number {
  let parsed: CommandArguments<O>;
  try {
    parsed = parseArgs<CommandConfig<O>>({ args: [...args], allowPositionals: true, strict: true, options: { ...options, ...HELP } });
  } catch (cause) {
    return usageError(io, command, (cause as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.stdout.write(usage);
    return EXIT_OK;
  }
  return parsed;
}
