import { postJson } from './http-post.js';
import { backoffDelay, verdictOf } from './retry-policy.js';

/**
 * Run by an OtlpAppender at process exit, synchronously (spawnSync), with the
 * batches it still holds on standard input: nothing asynchronous can run in an
 * exiting process, but a child process can. Same requests, same retry rules, in
 * order, within `budgetMs`. Prints an ExitSendResult as JSON.
 */
export interface ExitSend {
  url: string;
  headers: Record<string, string>;
  batches: { body: string; records: number }[];
  budgetMs: number;
  timeoutMs: number;
}

export interface ExitSendResult {
  /** Records the collector accepted. */
  sent: number;
  /** Why the others were not (a refusal, or the last failure when the budget ran out). */
  failure?: string;
}

async function readInput(): Promise<ExitSend> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExitSend;
}

async function main(): Promise<void> {
  const input = await readInput();
  const deadline = Date.now() + input.budgetMs;
  const url = new URL(input.url);
  const result: ExitSendResult = { sent: 0 };
  for (const batch of input.batches) {
    for (let attempt = 0; ; attempt++) {
      const left = deadline - Date.now();
      if (left <= 0) {
        process.stdout.write(JSON.stringify(result));
        return;
      }
      const verdict = verdictOf(await postJson(url, input.headers, batch.body, Math.min(input.timeoutMs, left)), Date.now());
      if (verdict.kind === 'sent') {
        result.sent += batch.records - verdict.rejected;
        break;
      }
      result.failure = verdict.reason;
      if (verdict.kind === 'refused') break;
      const wait = Math.min(verdict.retryAfterMs ?? backoffDelay(attempt, 100, 1000, Math.random), deadline - Date.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
