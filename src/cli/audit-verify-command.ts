import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditKeyError, loadVerifyingKeyEnv, loadVerifyingKeyFile, type AuditVerifyingKey } from '../auth/audit/chain/audit-keys.js';
import { verifyAuditChain, type LinePosition, type VerifyReport } from '../auth/audit/chain/audit-chain-verifier.js';
import { auditLogsIn } from '../auth/audit/chain/audit-log-files.js';
import { UnreadableLogError } from '../auth/audit/chain/audit-log-lines.js';
import { verifyPostgresAuditChain } from '../auth/audit/postgres/postgres-audit-chain.js';
import { EXIT_FINDING, EXIT_OK, EXIT_USAGE, type CommandIo } from './command.js';

const HELP = `Usage: logwarden audit verify <file|folder>... [--key <file>]... [--key-env <NAME>]... [--closed] [--json]
       logwarden audit verify --postgres --node <NAME>... [--key <file>]... [--key-env <NAME>]... [--closed] [--json]

Verifies a chained audit log: every line and checkpoint in order, across the
rotated files (file.N highest first, gzipped or not, then the live file).
Stops at the first break and says where it is and what it is: modified,
inserted, deleted, reordered, truncated, unknown-key, bad-signature.

  <file>            the live audit file (its numbered backups are found next to it)
  <folder>          every audit log in the folder
  --postgres        the audit table (logwarden_audit) of the database that PGHOST,
                    PGPORT, PGUSER, PGPASSWORD, PGDATABASE name, instead of files
  --node <NAME>     with --postgres: the node whose chain to verify; repeat for several
  --key <file>      the Ed25519 public key (PEM) the checkpoints must be signed with,
                    or a file holding the HMAC secret; repeat for rotated keys
  --key-env <NAME>  the same, read from an environment variable
  --closed          the writer has stopped: the log must end with a close checkpoint
  --json            one JSON document on stdout instead of text

Without a key only the hash chain is checked (anyone can recompute it): the
output says that signatures were not checked.

Exit codes: 0 intact, 1 broken, 2 unreadable (or a usage or key error).
`;

interface Arguments {
  paths: string[];
  postgres: boolean;
  nodes: string[];
  keyFiles: string[];
  keyEnvs: string[];
  closed: boolean;
  json: boolean;
  help: boolean;
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { paths: [], postgres: false, nodes: [], keyFiles: [], keyEnvs: [], closed: false, json: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--closed') parsed.closed = true;
    else if (arg === '--postgres') parsed.postgres = true;
    else if (arg === '--node') parsed.nodes.push(value());
    else if (arg.startsWith('--node=')) parsed.nodes.push(arg.slice('--node='.length));
    else if (arg === '--key') parsed.keyFiles.push(value());
    else if (arg.startsWith('--key=')) parsed.keyFiles.push(arg.slice('--key='.length));
    else if (arg === '--key-env') parsed.keyEnvs.push(value());
    else if (arg.startsWith('--key-env=')) parsed.keyEnvs.push(arg.slice('--key-env='.length));
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else parsed.paths.push(arg);
  }
  if (parsed.help) return parsed;
  if (parsed.postgres) {
    if (parsed.paths.length > 0) throw new UsageError('give either files and folders or --postgres, not both');
    if (parsed.nodes.length === 0) throw new UsageError('--postgres needs --node <NAME>: each node has a chain of its own');
  } else {
    if (parsed.nodes.length > 0) throw new UsageError('--node goes with --postgres');
    if (parsed.paths.length === 0) throw new UsageError('give the audit file or folder to verify');
  }
  return parsed;
}

/** The live files of the logs named by `paths` (a folder stands for every log in it). */
function logsOf(paths: readonly string[], cwd: string): string[] {
  const logs: string[] = [];
  for (const given of paths) {
    const resolved = path.resolve(cwd, given);
    const isFolder = fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ?? false;
    if (!isFolder) {
      logs.push(resolved);
      continue;
    }
    const inFolder = auditLogsIn(resolved);
    if (inFolder.length === 0) throw new UnreadableLogError(`${resolved}: the folder holds no audit log`);
    logs.push(...inFolder);
  }
  return logs;
}

function at(position: LinePosition): string {
  return `${path.basename(position.file)} line ${position.line}${position.seq === null ? '' : ` (seq ${position.seq})`}`;
}

function describe(report: VerifyReport): string {
  const lines: string[] = [];
  const broken = report.break;
  lines.push(broken ? `${report.log}: BROKEN (${broken.kind}) at ${at(broken)}` : `${report.log}: intact`);
  if (broken) lines.push(`  ${broken.message}`);
  lines.push(`  files: ${report.files.map((file) => path.basename(file)).join(', ')}`);
  lines.push(report.verifiedThrough
    ? `  verified: ${report.records} records and ${report.checkpoints} checkpoints (seq ${report.firstSeq} to ${report.verifiedThrough.seq}), through ${at(report.verifiedThrough)}`
    : '  verified: nothing before the break');
  lines.push(report.signaturesChecked
    ? `  signatures: checked, signed by ${report.signedBy.join(', ') || 'no key (no checkpoint reached)'}`
    : '  signatures: NOT checked (no --key): only the hash chain was verified, which anyone can recompute');
  if (report.lastCheckpoint) lines.push(`  last checkpoint: ${at(report.lastCheckpoint)}, ${report.lastCheckpoint.reason}, ${report.lastCheckpoint.at}`);
  if (!broken) {
    lines.push(report.closed
      ? '  end: closed by the writer (close checkpoint)'
      : `  end: open, ${report.unsealed} line(s) after the last checkpoint not sealed yet (the writer is running, or crashed)`);
  }
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return lines.join('\n') + '\n';
}

function loadKeys(parsed: Arguments, io: CommandIo): AuditVerifyingKey[] {
  return [
    ...parsed.keyFiles.map((file) => loadVerifyingKeyFile(path.resolve(io.cwd, file))),
    ...parsed.keyEnvs.map((name) => loadVerifyingKeyEnv(name, io.env)),
  ];
}

export async function run(args: readonly string[], io: CommandIo): Promise<number> {
  let parsed: Arguments;
  let keys: AuditVerifyingKey[];
  try {
    parsed = parseArguments(args);
    if (parsed.help) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    keys = loadKeys(parsed, io);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof AuditKeyError)) throw error;
    io.stderr.write(`logwarden audit verify: ${error.message}\n${error instanceof UsageError ? "run 'logwarden audit verify --help' for the usage\n" : ''}`);
    return EXIT_USAGE;
  }
  const results: ({ report: VerifyReport } | { log: string; error: string })[] = [];
  const verifyAll = async (logs: string[], verify: (log: string) => Promise<VerifyReport>): Promise<void> => {
    for (const log of logs) {
      try {
        results.push({ report: await verify(log) });
      } catch (error) {
        if (!(error instanceof UnreadableLogError)) throw error;
        results.push({ log, error: error.message });
      }
    }
  };
  try {
    if (parsed.postgres) {
      const connection = {
        host: io.env.PGHOST, port: io.env.PGPORT ? Number(io.env.PGPORT) : undefined,
        user: io.env.PGUSER, password: io.env.PGPASSWORD, database: io.env.PGDATABASE,
      };
      await verifyAll(parsed.nodes, (node) => verifyPostgresAuditChain(connection, node, { keys, closed: parsed.closed }));
    } else await verifyAll(logsOf(parsed.paths, io.cwd), (log) => verifyAuditChain(log, { keys, closed: parsed.closed }));
  } catch (error) {
    if (!(error instanceof UnreadableLogError)) throw error;
    results.push({ log: '', error: error.message });
  }
  const unreadable = results.some((result) => 'error' in result);
  const broken = results.some((result) => 'report' in result && !result.report.intact);
  const code = unreadable ? EXIT_USAGE : broken ? EXIT_FINDING : EXIT_OK;
  if (parsed.json) {
    const logs = results.map((result) => ('report' in result ? result.report : { log: result.log, unreadable: result.error }));
    io.stdout.write(JSON.stringify({ intact: code === EXIT_OK, exitCode: code, logs }, null, 2) + '\n');
  } else {
    for (const result of results) {
      if ('report' in result) io.stdout.write(describe(result.report));
      else io.stderr.write(`logwarden audit verify: unreadable: ${result.error}\n`);
    }
  }
  return code;
}

