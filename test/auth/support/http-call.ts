import { request } from 'node:http';

export interface Reply {
  status: number;
  body: string;
  json: () => any;
}

/**
 * One request to a test server on loopback, without keep-alive (a fresh connection
 * per call, so a server closed after the test has no idle socket left). A body is
 * sent as JSON unless `headers` says otherwise.
 */
export function httpCall(port: number, method: string, path: string, auth?: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, method, path, agent: false,
      headers: { ...headers, ...(auth ? { Authorization: auth } : {}), ...(body === undefined ? {} : { 'Content-Type': headers['Content-Type'] ?? 'application/json' }) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
