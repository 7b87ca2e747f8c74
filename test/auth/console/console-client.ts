import { request } from 'node:http';

export interface ConsoleReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A browser's part in a console conversation, without the browser: keeps the
 * cookies the console sets and reads the CSRF token from the last page.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  lastBody = '';

  constructor(readonly port: number) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<ConsoleReply> {
    return this.send('GET', path, undefined, headers);
  }

  /** Posts a form, as the console's pages do (same origin). */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<ConsoleReply> {
    return this.send('POST', path, new URLSearchParams(fields).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded', Origin: `http://127.0.0.1:${this.port}`, 'Sec-Fetch-Site': 'same-origin', ...headers,
    });
  }

  /** The value of the hidden `csrf` field on the last page. */
  get csrf(): string {
    const match = /name="csrf" value="([^"]+)"/.exec(this.lastBody);
    if (!match) throw new Error(`No CSRF field on the last page:\n${this.lastBody.slice(0, 500)}`);
    return match[1]!;
  }

  async logIn(base: string, user: string, password: string): Promise<ConsoleReply> {
    await this.get(`${base}/`);
    return this.post(`${base}/login`, { csrf: this.csrf, return: `${base}/`, username: user, password });
  }

  send(method: string, path: string, body: string | undefined, headers: Record<string, string> = {}): Promise<ConsoleReply> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port: this.port, method, path, agent: false,
        headers: { Host: `127.0.0.1:${this.port}`, ...(cookie ? { Cookie: cookie } : {}), ...headers },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair = '', ...attributes] = line.split(';');
            const equals = pair.indexOf('=');
            const name = pair.slice(0, equals).trim();
            if (attributes.some((a) => /^\s*max-age=0$/i.test(a))) this.cookies.delete(name);
            else this.cookies.set(name, pair.slice(equals + 1).trim());
          }
          if (text !== '') this.lastBody = text;
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
