import http from 'node:http';
import https from 'node:https';

/** What one POST came to: a status with its Retry-After and (bounded) body, or the error that stopped it. */
export interface PostOutcome {
  readonly status?: number;
  readonly retryAfter?: string;
  readonly body?: string;
  readonly error?: Error;
}

/** More of a response body than this is not kept: a report needs the collector's message, not megabytes. */
const MAX_BODY = 16 * 1024;

/**
 * POSTs `body` as application/json and resolves with the outcome; never rejects.
 * The request is abandoned when the connection stays silent for `timeoutMs`.
 */
export function postJson(url: URL, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number, agent?: http.Agent): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const payload = Buffer.from(body, 'utf8');
    let settled = false;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const onResponse = (response: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < MAX_BODY) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        finish({ status: response.statusCode, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY) });
      });
      response.on('error', (error) => finish({ error }));
    };
    const options: http.RequestOptions = {
      method: 'POST',
      agent,
      headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': payload.length },
      timeout: timeoutMs,
    };
    let request: http.ClientRequest;
    try {
      request = url.protocol === 'https:' ? https.request(url, options, onResponse) : http.request(url, options, onResponse);
    } catch (error) {
      // Node refuses a request it cannot send (an invalid header) by throwing, not through 'error'.
      finish({ error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => finish({ error }));
    request.end(payload);
  });
}
