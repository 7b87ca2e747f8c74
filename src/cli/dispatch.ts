import { EXIT_OK, EXIT_USAGE, type CommandIo } from './command.js';
import { COMMANDS } from './commands.js';

const USAGE_HEAD = 'Usage: logwarden <command> [options]\n       logwarden <command> --help\n';
const EXIT_CODES = 'Exit codes: 0 done and fine, 1 done and found a problem (the command says which), 2 usage error or unreadable input.\n';

function overview(names: readonly string[]): string {
  const width = Math.max(0, ...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`);
  return `${USAGE_HEAD}\nCommands:\n${lines.join('\n')}${lines.length ? '\n' : ''}\n${EXIT_CODES}`;
}

/** The longest command name the arguments begin with, word by word. */
function commandAt(args: readonly string[]): { name: string; words: number } | null {
  for (let words = args.length; words > 0; words--) {
    const name = args.slice(0, words).join(' ');
    if (Object.hasOwn(COMMANDS, name)) return { name, words };
  }
  return null;
}

/** Runs `logwarden` with `args` (without node and the script); answers the exit code. */
export async function dispatch(args: readonly string[], io: CommandIo): Promise<number> {
  const names = Object.keys(COMMANDS).sort();
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout.write(overview(names));
    return args.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  const found = commandAt(args);
  if (found === null) {
    // `logwarden audit` alone lists the commands under `audit`.
    const prefix = args.filter((arg) => !arg.startsWith('-')).join(' ') + ' ';
    const under = names.filter((name) => name.startsWith(prefix));
    if (under.length > 0) {
      io.stdout.write(overview(under));
      return args.includes('--help') || args.includes('-h') ? EXIT_OK : EXIT_USAGE;
    }
    io.stderr.write(`logwarden: unknown command '${args.join(' ')}'; run 'logwarden --help' for the list\n`);
    return EXIT_USAGE;
  }
  const command = await COMMANDS[found.name]!.load();
  return command.run(args.slice(found.words), io);
}
