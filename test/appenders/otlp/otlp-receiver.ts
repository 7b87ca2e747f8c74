import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** AnyValue / KeyValue as OTLP/JSON writes them. */
export interface ReceivedAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values: ReceivedAnyValue[] };
  kvlistValue?: { values: ReceivedKeyValue[] };
}
export interface ReceivedKeyValue {
  key: string;
  value: ReceivedAnyValue;
}
export interface ReceivedLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: ReceivedAnyValue;
  attributes: ReceivedKeyValue[];
  flags?: number;
  traceId?: string;
  spanId?: string;
}

/**
 * ExportLogsServiceRequest in OTLP/JSON, as a receiver decodes it.
 * @opentelemetry/otlp-transformer stopped exporting these wire types in 0.56 (its
 * public surface is JsonLogsSerializer, from the SDK's records to bytes), so the
 * shape is written out here and every record is compared with what that official
 * serializer writes for the same log record (otlp-appender.test.ts).
 */
export interface ReceivedRequest {
  resourceLogs: {
    resource: { attributes: ReceivedKeyValue[]; droppedAttributesCount?: number };
    scopeLogs: { scope: { name: string; version?: string }; logRecords: ReceivedLogRecord[] }[];
  }[];
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly request: ReceivedRequest;
  readonly reply: Reply;
}

/**
 * A collector's OTLP/HTTP endpoint on 127.0.0.1: decodes each POST, answers with
 * `reply(n)` (n counts requests from 0; default 200 `{}`), and can go away and
 * come back on the same port.
 */
export class OtlpReceiver {
  readonly received: Received[] = [];
  reply: (n: number) => Reply = () => ({ status: 200, body: '{}' });
  private server: http.Server | undefined;
  private waiting: (() => void)[] = [];
  port = 0;

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const reply = this.reply(this.received.length);
        this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, request: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedRequest, reply });
        res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(reply.body ?? '');
        for (const wake of this.waiting.splice(0)) wake();
      });
    });
    server.listen(this.port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every connection: the collector is down. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once `count` requests have arrived. */
  async requests(count: number): Promise<Received[]> {
    while (this.received.length < count) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.received;
  }

  /** Every record received, in the order received (scopes in order, records in order). */
  records(): ReceivedLogRecord[] {
    return this.received
      .filter((r) => r.reply.status >= 200 && r.reply.status < 300)
      .flatMap((r) => r.request.resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords)));
  }

  /** The bodies of the records received, in order. */
  messages(): string[] {
    return this.records().map((record) => record.body.stringValue ?? '');
  }
}
