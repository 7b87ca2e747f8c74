import { createHash, createHmac, createPrivateKey, createPublicKey, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type AuditKeyAlgorithm = 'ed25519' | 'hmac-sha256';

/** What signs the checkpoints. Never logged: only its `id` appears in the chain. */
export interface AuditSigningKey {
  /** `ed25519:<16 hex>` (a digest of the public key) or `hmac:<16 hex>` (an HMAC of a fixed text, which reveals nothing of the secret). */
  readonly id: string;
  readonly algorithm: AuditKeyAlgorithm;
  /** The public key as base64 SPKI DER, for Ed25519. */
  readonly publicKey: string | null;
  /** Base64 signature of `message`. */
  sign(message: string): string;
}

/** What checks them: an Ed25519 public key, or the HMAC secret itself. */
export interface AuditVerifyingKey {
  readonly id: string;
  readonly algorithm: AuditKeyAlgorithm;
  verify(message: string, signature: string): boolean;
}

/**
 * Where the operator keeps the signing key. Exactly one: an Ed25519 private key
 * in PEM (file or environment variable), or an HMAC-SHA256 secret (file or
 * environment variable, at least 32 bytes).
 */
export interface AuditKeySource {
  privateKeyFile?: string;
  privateKeyEnv?: string;
  hmacSecretFile?: string;
  hmacSecretEnv?: string;
}

/** A key that cannot be used; the message names where it came from, never its content. */
export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

const MIN_HMAC_SECRET_BYTES = 32;
const HMAC_ID_TEXT = 'logwarden audit key id';

function ed25519Id(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return 'ed25519:' + createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function hmacId(secret: Buffer): string {
  return 'hmac:' + createHmac('sha256', secret).update(HMAC_ID_TEXT).digest('hex').slice(0, 16);
}

function readText(origin: string, read: () => string | undefined): string {
  let text: string | undefined;
  try {
    text = read();
  } catch (cause) {
    throw new AuditKeyError(`audit key ${origin}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`);
  }
  if (text === undefined || text.trim() === '') throw new AuditKeyError(`audit key ${origin}: is empty or not set`);
  return text;
}

function fromFile(file: string): () => string {
  return () => readFileSync(file, 'utf8');
}

function fromEnv(name: string, env: NodeJS.ProcessEnv): () => string | undefined {
  return () => env[name];
}

/** A secret read from a file keeps everything but the final line break an editor adds. */
function secretBytes(text: string, origin: string): Buffer {
  const secret = Buffer.from(text.replace(/\r?\n$/, ''), 'utf8');
  if (secret.length < MIN_HMAC_SECRET_BYTES) {
    throw new AuditKeyError(`audit key ${origin}: an HMAC secret needs at least ${MIN_HMAC_SECRET_BYTES} bytes, this one has ${secret.length}`);
  }
  return secret;
}

function ed25519PrivateKey(text: string, origin: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new AuditKeyError(`audit key ${origin}: not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`audit key ${origin}: an ${key.asymmetricKeyType} key, expected ed25519`);
  return key;
}

export function ed25519SigningKey(privateKey: KeyObject): AuditSigningKey {
  const publicKey = createPublicKey(privateKey);
  return {
    id: ed25519Id(publicKey),
    algorithm: 'ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
}

export function hmacSigningKey(secret: Buffer): AuditSigningKey {
  return {
    id: hmacId(secret),
    algorithm: 'hmac-sha256',
    publicKey: null,
    sign: (message) => createHmac('sha256', secret).update(message, 'utf8').digest('base64'),
  };
}

/** Loads the signing key from where the operator keeps it. */
export function loadSigningKey(source: AuditKeySource, env: NodeJS.ProcessEnv = process.env): AuditSigningKey {
  const given = Object.entries(source).filter(([, value]) => value !== undefined);
  if (given.length !== 1) {
    throw new AuditKeyError(`audit key: give exactly one of privateKeyFile, privateKeyEnv, hmacSecretFile, hmacSecretEnv (got ${given.map(([name]) => name).join(', ') || 'none'})`);
  }
  const [kind, where] = given[0] as [keyof AuditKeySource, string];
  switch (kind) {
    case 'privateKeyFile': return ed25519SigningKey(ed25519PrivateKey(readText(`file ${where}`, fromFile(where)), `file ${where}`));
    case 'privateKeyEnv': return ed25519SigningKey(ed25519PrivateKey(readText(`environment variable ${where}`, fromEnv(where, env)), `environment variable ${where}`));
    case 'hmacSecretFile': return hmacSigningKey(secretBytes(readText(`file ${where}`, fromFile(where)), `file ${where}`));
    case 'hmacSecretEnv': return hmacSigningKey(secretBytes(readText(`environment variable ${where}`, fromEnv(where, env)), `environment variable ${where}`));
  }
}

function ed25519VerifyingKey(publicKey: KeyObject): AuditVerifyingKey {
  return {
    id: ed25519Id(publicKey),
    algorithm: 'ed25519',
    verify: (message, signature) => verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64')),
  };
}

/** The key an Ed25519 public key announced in the chain (base64 SPKI DER) stands for. */
export function verifyingKeyFromSpki(base64Der: string): AuditVerifyingKey {
  const key = createPublicKey({ key: Buffer.from(base64Der, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`announced key is ${key.asymmetricKeyType}, expected ed25519`);
  return ed25519VerifyingKey(key);
}

/**
 * A verifying key from text: a PEM public key (a private key is accepted too,
 * its public half is used), otherwise an HMAC secret.
 */
export function verifyingKeyFromText(text: string, origin: string): AuditVerifyingKey {
  if (text.includes('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey(text);
    } catch {
      throw new AuditKeyError(`audit key ${origin}: not a PEM public or private key`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new AuditKeyError(`audit key ${origin}: an ${key.asymmetricKeyType} key, expected ed25519`);
    return ed25519VerifyingKey(key);
  }
  const secret = secretBytes(text, origin);
  return {
    id: hmacId(secret),
    algorithm: 'hmac-sha256',
    verify: (message, signature) => {
      const expected = createHmac('sha256', secret).update(message, 'utf8').digest();
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export function loadVerifyingKeyFile(file: string): AuditVerifyingKey {
  return verifyingKeyFromText(readText(`file ${file}`, fromFile(file)), `file ${file}`);
}

export function loadVerifyingKeyEnv(name: string, env: NodeJS.ProcessEnv): AuditVerifyingKey {
  return verifyingKeyFromText(readText(`environment variable ${name}`, fromEnv(name, env)), `environment variable ${name}`);
}
