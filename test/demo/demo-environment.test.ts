import { expect } from 'chai';
import { DemoEnvironmentError, readDemoEnvironment, startFailureMessage } from '../../src/demo/demo-environment.js';

describe('demo environment', () => {
  it('defaults to 127.0.0.1:8080, ./logs and the documented passwords', () => {
    expect(readDemoEnvironment({})).to.deep.equal({
      port: 8080, host: '127.0.0.1', logDir: 'logs', adminPassword: 'admin', automationPassword: 'automation',
      url: 'http://127.0.0.1:8080', auditKeyFile: null, database: null,
    });
  });

  it('takes every documented variable', () => {
    const environment = readDemoEnvironment({
      PORT: '9090', HOST: '::1', LOG_DIR: '/var/log/demo', DEMO_ADMIN_PASSWORD: 'a', DEMO_AUTOMATION_PASSWORD: 'b',
      DEMO_AUDIT_KEY_FILE: '/etc/demo/audit-signing.pem',
    });
    expect(environment).to.include({ port: 9090, host: '::1', logDir: '/var/log/demo', adminPassword: 'a', automationPassword: 'b', auditKeyFile: '/etc/demo/audit-signing.pem' });
    expect(environment.url).to.equal('http://[::1]:9090');
    expect(readDemoEnvironment({ DEMO_URL: 'https://jira.example.com/' }).url).to.equal('https://jira.example.com');
    expect(readDemoEnvironment({ DEMO_DATABASE: 'postgres', DEMO_NODE: 'node-2' }).database).to.deep.equal({ node: 'node-2' });
    expect(readDemoEnvironment({ DEMO_DATABASE: 'postgres' }).database).to.deep.equal({ node: undefined });
    expect(readDemoEnvironment({ DEMO_DATABASE: 'file' }).database).to.equal(null);
  });

  for (const port of ['abc', '-1', '65536', '80.5', ' 80']) {
    it(`refuses PORT="${port}" naming the variable and the value`, () => {
      expect(() => readDemoEnvironment({ PORT: port })).to.throw(DemoEnvironmentError, `PORT must be a number from 0 to 65535 (0 picks a free port), not "${port}"`);
    });
  }

  it('refuses an empty password or log folder, and a DEMO_URL that is not http(s)', () => {
    expect(() => readDemoEnvironment({ DEMO_ADMIN_PASSWORD: '' })).to.throw('DEMO_ADMIN_PASSWORD is set but empty');
    expect(() => readDemoEnvironment({ LOG_DIR: '' })).to.throw('LOG_DIR is set but empty');
    expect(() => readDemoEnvironment({ DEMO_AUDIT_KEY_FILE: '' })).to.throw('DEMO_AUDIT_KEY_FILE is set but empty');
    expect(() => readDemoEnvironment({ DEMO_URL: 'ftp://x' })).to.throw('DEMO_URL must be an http:// or https:// address, not "ftp://x"');
    expect(() => readDemoEnvironment({ DEMO_DATABASE: 'mysql' })).to.throw('DEMO_DATABASE must be "postgres" or "file", not "mysql"');
  });

  it('turns listen failures into one line that says what to change', () => {
    const at = { host: '127.0.0.1', port: 8080 };
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(startFailureMessage(error('EADDRINUSE'), at)).to.equal('cannot listen on 127.0.0.1:8080: the port is already in use (set PORT to a free port)');
    expect(startFailureMessage(error('EACCES'), at)).to.match(/^cannot listen on 127\.0\.0\.1:8080: permission denied/);
    expect(startFailureMessage(error('EADDRNOTAVAIL'), at)).to.match(/no such address on this machine \(set HOST\)$/);
    expect(startFailureMessage(new DemoEnvironmentError('PORT must be ...'), undefined)).to.equal('PORT must be ...');
  });
});
