import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AuditKeyError, loadSigningKey, loadVerifyingKeyEnv, loadVerifyingKeyFile, verifyingKeyFromSpki, verifyingKeyFromText,
} from '../../../../src/auth/audit/chain/audit-keys.js';
import { ed25519Pair, tempDir } from '../../support/chained-audit-log.js';

describe('auth/audit/chain/audit-keys', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('audit-keys-'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an Ed25519 private key from a PEM file signs what its public key verifies; both have the same id', () => {
    const pair = ed25519Pair();
    const keyFile = path.join(dir, 'audit.key');
    fs.writeFileSync(keyFile, pair.privatePem);
    const signing = loadSigningKey({ privateKeyFile: keyFile });
    const verifying = verifyingKeyFromText(pair.publicPem, 'public');
    expect(signing.id).to.match(/^ed25519:[0-9a-f]{16}$/);
    expect(verifying.id).to.equal(signing.id);
    const signature = signing.sign('message');
    expect(verifying.verify('message', signature)).to.equal(true);
    expect(verifying.verify('massage', signature)).to.equal(false);
    expect(verifyingKeyFromSpki(signing.publicKey!).id).to.equal(signing.id);
    expect(verifyingKeyFromText(pair.privatePem, 'private').id, 'a private key verifies with its public half').to.equal(signing.id);
  });

  it('an Ed25519 private key from an environment variable', () => {
    const pair = ed25519Pair();
    expect(loadSigningKey({ privateKeyEnv: 'AUDIT_KEY' }, { AUDIT_KEY: pair.privatePem }).id).to.equal(pair.signing.id);
  });

  it('an HMAC secret from a file (its final line break dropped) or the environment is the same key', () => {
    const secret = 'correct horse battery staple, well past 32 bytes';
    const secretFile = path.join(dir, 'audit.secret');
    fs.writeFileSync(secretFile, `${secret}\n`);
    const fromFile = loadSigningKey({ hmacSecretFile: secretFile });
    const fromEnv = loadSigningKey({ hmacSecretEnv: 'AUDIT_SECRET' }, { AUDIT_SECRET: secret });
    expect(fromFile.id).to.match(/^hmac:[0-9a-f]{16}$/);
    expect(fromEnv.id).to.equal(fromFile.id);
    expect(fromFile.sign('m')).to.equal(fromEnv.sign('m'));
    expect(loadVerifyingKeyFile(secretFile).verify('m', fromEnv.sign('m'))).to.equal(true);
    expect(loadVerifyingKeyEnv('AUDIT_SECRET', { AUDIT_SECRET: secret }).verify('m', fromEnv.sign('n'))).to.equal(false);
  });

  it('refuses, naming where the key came from and never its content', () => {
    const cases: [() => unknown, string][] = [
      [() => loadSigningKey({}), 'audit key: give exactly one of privateKeyFile, privateKeyEnv, hmacSecretFile, hmacSecretEnv (got none)'],
      [() => loadSigningKey({ privateKeyFile: 'a', hmacSecretEnv: 'B' }), '(got privateKeyFile, hmacSecretEnv)'],
      [() => loadSigningKey({ privateKeyFile: path.join(dir, 'missing.pem') }), `audit key file ${path.join(dir, 'missing.pem')}: cannot be read (ENOENT)`],
      [() => loadSigningKey({ privateKeyEnv: 'UNSET' }, {}), 'audit key environment variable UNSET: is empty or not set'],
      [() => loadSigningKey({ privateKeyEnv: 'K' }, { K: 'sEcReT-not-a-pem' }), 'audit key environment variable K: not a PEM private key'],
      [() => loadSigningKey({ hmacSecretEnv: 'K' }, { K: 'short' }), 'audit key environment variable K: an HMAC secret needs at least 32 bytes, this one has 5'],
      [() => loadVerifyingKeyEnv('K', { K: '-----BEGIN PUBLIC KEY-----\nsEcReT\n-----END PUBLIC KEY-----\n' }), 'audit key environment variable K: not a PEM public or private key'],
    ];
    for (const [load, message] of cases) {
      let error: unknown;
      try {
        load();
      } catch (caught) {
        error = caught;
      }
      expect(error, message).to.be.instanceOf(AuditKeyError);
      expect((error as Error).message).to.include(message);
      expect((error as Error).message).not.to.include('sEcReT');
    }
  });

  it('refuses a key of another type, naming it', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = path.join(dir, 'ec.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadSigningKey({ privateKeyFile: keyFile })).to.throw(AuditKeyError, `audit key file ${keyFile}: an ec key, expected ed25519`);
    expect(() => loadVerifyingKeyFile(keyFile)).to.throw(AuditKeyError, 'an ec key, expected ed25519');
  });
});
