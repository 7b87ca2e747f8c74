#!/usr/bin/env node
import { EXIT_USAGE, type CommandIo } from './command.js';
import { dispatch } from './dispatch.js';

// The bin: kept apart from `dispatch` so that importing the dispatcher never runs a command.
const io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
dispatch(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`logwarden: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
