import { Agent, request } from 'node:http';

/**
 * The load of the HTTP scenario, in its own process so that it does not share the
 * server's event loop: `requests` GETs with a token over loopback, `concurrency` of
 * them in flight on keep-alive connections. `warmup` requests go first, unmeasured
 * (the server's JIT and connections settle); the parent hears `measuring` when the
 * measured ones start and gets the result as the last message.
 * Arguments: port, token, warmup, requests, concurrency.
 */
export interface HttpClientResult {
  readonly requests: number;
  readonly elapsedMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses that were not 200, or failed requests: the run is not valid with any. */
  readonly failures: number;
  readonly firstFailure: string | null;
}

const [portArg = '', token = '', warmupArg = '0', requestsArg = '0', concurrencyArg = '1'] = process.argv.slice(2);
const port = Number(portArg);
const agent = new Agent({ keepAlive: true, maxSockets: Number(concurrencyArg) });
const headers = { Authorization: `Bearer ${token}` };
let failures = 0;
let firstFailure: string | null = null;

function fail(what: string): void {
  failures++;
  firstFailure ??= what;
}

function get(): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/rest/api/2/myself', headers, agent }, (res) => {
      if (res.statusCode !== 200) fail(`status ${res.statusCode}`);
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', (error) => {
      fail(error.message);
      resolve();
    });
    req.end();
  });
}

/** Runs `count` requests, `concurrency` at a time; returns each one's latency in ms. */
async function load(count: number): Promise<Float64Array> {
  const latencies = new Float64Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const start = process.hrtime.bigint();
      await get();
      latencies[i] = Number(process.hrtime.bigint() - start) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: Number(concurrencyArg) }, lane));
  return latencies;
}

async function main(): Promise<void> {
  await load(Number(warmupArg));
  process.send!('measuring');
  const start = process.hrtime.bigint();
  const latencies = await load(Number(requestsArg));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  latencies.sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const result: HttpClientResult = { requests: latencies.length, elapsedMs, p50Ms: at(0.5), p99Ms: at(0.99), failures, firstFailure };
  process.send!(result);
  agent.destroy();
  process.disconnect();
}

void main();
