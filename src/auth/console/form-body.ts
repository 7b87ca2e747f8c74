import type { IncomingMessage } from 'node:http';
import { readBodyWithin } from '../http/bounded-body.js';

/** The largest form the console reads; its forms are a few short fields. */
export const MAX_FORM_BYTES = 64 * 1024;

export class FormBodyError extends Error {
  override name = 'FormBodyError';
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
  }
}

/**
 * The fields of an application/x-www-form-urlencoded body, read up to MAX_FORM_BYTES.
 * A body a framework has parsed already (Express's `urlencoded()`) is taken as it is.
 */
export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (req.readableEnded && parsed !== null && typeof parsed === 'object') {
    const fields = new URLSearchParams();
    for (const [key, value] of Object.entries(parsed)) {
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') fields.append(key, item);
    }
    return fields;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new FormBodyError(415, `Expected a form (application/x-www-form-urlencoded), not "${type || 'no content type'}"`);
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw new FormBodyError(413, `The form is larger than ${MAX_FORM_BYTES} bytes`);
  const body = await readBodyWithin(req, MAX_FORM_BYTES);
  if (body === null) throw new FormBodyError(413, `The form is larger than ${MAX_FORM_BYTES} bytes`);
  return new URLSearchParams(body.toString('utf8'));
}
