/**
 * `logwarden tokens` on generated logs (issue 18): throughput in MB/s and peak RSS
 * of the real bin at several input sizes, to show that memory stays flat while the
 * input grows. The logs are Jira main-log lines with com.atlassian.pats at TRACE:
 * per request one unrelated line, and for three requests in four the plugin's five
 * token lines (about 60% of the bytes are token lines). 2,000 tokens, client
 * addresses and issue keys drawn from large ranges, so the per-token caps are hit.
 * Files of 64 MB, named like rotated backups.
 *
 * Run: npm run bench:tokens, also the last part of npm run bench. Sizes in MB:
 * BENCH_TOKENS_MB, default "100,400": about 10 s on the 2-core machine, half of it
 * writing the files ("100,400,800": about 17 s).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sizes = (process.env.BENCH_TOKENS_MB ?? '100,400').split(',').map((text) => {
  const mb = Number(text.trim());
  if (!Number.isSafeInteger(mb) || mb < 1) {
    process.stderr.write(`BENCH_TOKENS_MB: "${text}" is not a whole number of megabytes\n`);
    process.exit(2);
  }
  return mb;
});
const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const rssHook = fileURLToPath(new URL('./tokens-report-rss.js', import.meta.url));
const FILE_BYTES = 64 * 1024 * 1024;

/** A deterministic pseudo-random sequence, so every run reads the same logs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

function generate(dir: string, megabytes: number): number {
  const next = random(megabytes);
  const total = megabytes * 1024 * 1024;
  const fileCount = Math.ceil(total / FILE_BYTES);
  let written = 0;
  let request = 0;
  for (let index = fileCount - 1; index >= 0; index--) {
    const file = path.join(dir, index === 0 ? 'atlassian-jira.log' : `atlassian-jira.log.${index}`);
    const fd = fs.openSync(file, 'w');
    let inFile = 0;
    const target = Math.min(FILE_BYTES, total - written);
    while (inFile < target) {
      const parts: string[] = [];
      for (let i = 0; i < 2000; i++) {
        request++;
        const minute = Math.floor(request / 1000) % 1440;
        const stamp = `2024-05-01 ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${String(request % 60).padStart(2, '0')},${String(request % 1000).padStart(3, '0')}+0000`;
        const id = String(100000000000 + Math.floor(next() * 2000));
        const address = `10.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}.${Math.floor(next() * 256)}`;
        const url = `/rest/api/2/issue/PROJ-${Math.floor(next() * 5000)}`;
        const head = `${stamp} http-nio-8080-exec-${request % 40} TRACE anonymous ${minute}x${request}x1 - ${address} ${url} `;
        parts.push(`${stamp} http-nio-8080-exec-${request % 40} INFO user${request % 97} ${minute}x${request}x1 - ${address} ${url} [c.a.j.issue.IssueManager] Issue viewed in ${request % 300} ms\n`);
        if (request % 4 === 0) continue;
        parts.push(
          `${head}[c.a.pats.web.filter.TokenBasedAuthenticationFilter] >>> TokenBasedAuthenticationFilter.doFilter\n`,
          `${head}[c.a.pats.service.DefaultTokenAuthenticationService] Got tokenId: [${id}] from token\n`,
          `${head}[c.a.pats.service.CachingTokenValidator] Token with id: [${id}] was verified before, using the cached result\n`,
          `${head}[c.a.pats.service.DefaultTokenAuthenticationService] Authentication successful - returning token: [TokenDTO(id=${id.slice(-4)}, userKey=JIRAUSER${id.slice(-4)}, tokenId=${id}, name=script ${id.slice(-4)}, createdAt=null)]\n`,
          `${head}[c.a.pats.web.filter.TokenBasedAuthenticationFilter] Auth SUCCESS for user: [user${id.slice(-4)}] and tokenId: [${id}]\n`,
        );
      }
      const chunk = parts.join('');
      fs.writeSync(fd, chunk);
      inFile += Buffer.byteLength(chunk);
    }
    fs.closeSync(fd);
    written += inFile;
  }
  return written;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-tokens-bench-'));
try {
  process.stdout.write(`logwarden tokens on generated Jira logs (${os.cpus().length} cores)\n`);
  for (const megabytes of sizes) {
    const dir = path.join(root, `${megabytes}mb`);
    fs.mkdirSync(dir);
    const bytes = generate(dir, megabytes);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['--import', rssHook, bin, 'tokens', '--json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const measured = /BENCH (\{.*\})/.exec(run.stderr);
    if (run.status !== 0 || !measured) {
      process.stderr.write(`logwarden tokens failed (exit ${run.status}): ${run.stderr.slice(0, 400)}\n`);
      process.exitCode = 1;
      break;
    }
    const { maxRssKiB, cpuMs } = JSON.parse(measured[1]!) as { maxRssKiB: number; cpuMs: number };
    const report = JSON.parse(run.stdout) as { tokens: { authentications: number }[] };
    const authentications = report.tokens.reduce((sum, token) => sum + token.authentications, 0);
    const mb = bytes / 1048576;
    process.stdout.write(
      `${mb.toFixed(0).padStart(6)} MB  ${(mb / seconds).toFixed(0).padStart(5)} MB/s wall  ${(mb / (cpuMs / 1000)).toFixed(0).padStart(5)} MB/s cpu  ` +
      `peak RSS ${(maxRssKiB / 1024).toFixed(0).padStart(4)} MiB  ${report.tokens.length} tokens, ${authentications} authentications\n`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write('target: at least 100 MB/s; peak RSS flat in the input size\n');
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
