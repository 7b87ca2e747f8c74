import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import dgram from 'node:dgram';
import net from 'node:net';
import { freePort, waitUntil } from './local-receivers.js';

const RSYSLOGD_CANDIDATES = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd', '/usr/local/sbin/rsyslogd'];
const MODULE_DIRS = ['/usr/lib/x86_64-linux-gnu/rsyslog', '/usr/lib/aarch64-linux-gnu/rsyslog', '/usr/lib/rsyslog', '/usr/lib64/rsyslog'];

/** Why the real-rsyslog tests cannot run here, or undefined when they can. */
export function rsyslogMissing(): string | undefined {
  if (!RSYSLOGD_CANDIDATES.some((path) => existsSync(path))) {
    return `rsyslogd is not installed (looked in ${RSYSLOGD_CANDIDATES.join(', ')}); install the Debian packages rsyslog and rsyslog-openssl`;
  }
  if (!MODULE_DIRS.some((dir) => existsSync(join(dir, 'lmnsd_ossl.so')))) {
    return 'rsyslog\'s TLS driver lmnsd_ossl.so is missing; install the Debian package rsyslog-openssl';
  }
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    return 'the openssl command is missing; it makes the test certificates';
  }
  return undefined;
}

/** One record as the test's rsyslog template writes it. */
export interface Received {
  input: string;
  facility: number;
  severity: number;
  hostname: string;
  appName: string;
  procId: string;
  msg: string;
}

/** A UDP port nobody is bound to right now. */
async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * A real rsyslogd in the foreground, unprivileged ports on loopback, its own work
 * directory and configuration: imudp, plain imtcp and imtcp with the OpenSSL driver,
 * all writing `input|facility|severity|hostname|app-name|procid|msg` lines to one file.
 * The CA and server certificate (for 127.0.0.1 and localhost) are made with openssl.
 */
export class RsyslogDaemon {
  udpPort = 0;
  tcpPort = 0;
  tlsPort = 0;
  /** TLS listener that requires a client certificate signed by the test CA. */
  mutualTlsPort = 0;
  readonly caFile: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
  private readonly output: string;
  private readonly config: string;
  private child: ChildProcess | undefined;
  private childOutput = '';
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGKILL');
  };

  constructor(private readonly dir: string) {
    this.caFile = join(dir, 'ca.pem');
    this.clientCertFile = join(dir, 'client.pem');
    this.clientKeyFile = join(dir, 'client.key');
    this.output = join(dir, 'received.log');
    this.config = join(dir, 'rsyslog.conf');
  }

  /** Makes certificates, picks ports, writes the configuration and starts rsyslogd. */
  async setUp(): Promise<void> {
    this.makeCertificates();
    this.udpPort = await freeUdpPort();
    this.tcpPort = await freePort();
    this.tlsPort = await freePort();
    this.mutualTlsPort = await freePort();
    const work = join(this.dir, 'work');
    mkdirSync(work);
    const d = this.dir;
    writeFileSync(this.config, [
      `global(workDirectory="${work}" inputs.timeout.shutdown="100")`,
      'module(load="imudp")',
      'module(load="imtcp")',
      `input(type="imudp" address="127.0.0.1" port="${this.udpPort}" name="udp")`,
      `input(type="imtcp" address="127.0.0.1" port="${this.tcpPort}" name="tcp")`,
      `input(type="imtcp" address="127.0.0.1" port="${this.tlsPort}" name="tls" streamDriver.name="ossl" streamDriver.mode="1"`
        + ` streamDriver.authMode="anon" streamDriver.CAFile="${d}/ca.pem" streamDriver.CertFile="${d}/server.pem" streamDriver.KeyFile="${d}/server.key")`,
      `input(type="imtcp" address="127.0.0.1" port="${this.mutualTlsPort}" name="mtls" streamDriver.name="ossl" streamDriver.mode="1"`
        + ` streamDriver.authMode="x509/certvalid" streamDriver.CAFile="${d}/ca.pem" streamDriver.CertFile="${d}/server.pem" streamDriver.KeyFile="${d}/server.key")`,
      'template(name="fields" type="string" string="%inputname%|%syslogfacility%|%syslogseverity%|%hostname%|%app-name%|%procid%|%msg%\\n")',
      `action(type="omfile" file="${this.output}" template="fields")`,
      '',
    ].join('\n'));
    process.on('exit', this.killOnExit);
    await this.start();
  }

  private makeCertificates(): void {
    const d = this.dir;
    const run = (...args: string[]): void => {
      execFileSync('openssl', args, { cwd: d, stdio: ['ignore', 'ignore', 'pipe'] });
    };
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=logwarden test CA');
    run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
    writeFileSync(join(d, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext');
    run('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=shop.example.com');
    run('x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '2');
  }

  /** Starts rsyslogd and waits until all three listeners take messages. */
  async start(): Promise<void> {
    const executable = RSYSLOGD_CANDIDATES.find((path) => existsSync(path))!;
    const child = spawn(executable, ['-n', '-f', this.config, '-i', join(this.dir, 'rsyslogd.pid')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => { this.childOutput += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { this.childOutput += chunk.toString(); });
    try {
      await this.waitForListeners(child);
    } catch (error) {
      throw new Error(`${(error as Error).message}; rsyslogd said: ${this.childOutput || '(nothing)'}`);
    }
  }

  private async waitForListeners(child: ChildProcess): Promise<void> {
    for (const port of [this.tcpPort, this.tlsPort, this.mutualTlsPort]) {
      const deadline = Date.now() + 5000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`rsyslogd exited with code ${child.exitCode}`);
        if (await canConnect(port)) break;
        if (Date.now() > deadline) throw new Error(`rsyslogd did not listen on TCP port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    // UDP has no handshake: probe until a marker datagram comes out the other end.
    const probe = `ready-${Date.now()}`;
    const socket = dgram.createSocket('udp4');
    try {
      await waitUntil(() => {
        socket.send(`<14>${probe}`, this.udpPort, '127.0.0.1');
        return existsSync(this.output) && readFileSync(this.output, 'utf8').includes(probe);
      }, 'rsyslogd to take UDP messages');
    } finally {
      socket.close();
    }
  }

  /** Stops rsyslogd (SIGTERM, as a service manager does) and waits until it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  async tearDown(): Promise<void> {
    await this.stop();
    process.removeListener('exit', this.killOnExit);
  }

  /** What rsyslog has written so far, probe messages left out. */
  received(): Received[] {
    if (!existsSync(this.output)) return [];
    const records: Received[] = [];
    for (const line of readFileSync(this.output, 'utf8').split('\n')) {
      if (line === '') continue;
      const [input, facility, severity, hostname, appName, procId, ...rest] = line.split('|');
      const msg = rest.join('|');
      if (msg.includes('ready-')) continue;
      records.push({ input: input!, facility: Number(facility), severity: Number(severity), hostname: hostname!, appName: appName!, procId: procId!, msg });
    }
    return records;
  }

  /** Waits until `count` received records satisfy `matches`. */
  async waitFor(count: number, matches: (record: Received) => boolean, what: string, timeoutMs = 8000): Promise<Received[]> {
    let found: Received[] = [];
    await waitUntil(() => {
      found = this.received().filter(matches);
      return found.length >= count;
    }, what, timeoutMs).catch((error: Error) => {
      throw new Error(`${error.message}: ${found.length} of ${count} arrived; rsyslogd said: ${this.childOutput || '(nothing)'}`);
    });
    return found;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
