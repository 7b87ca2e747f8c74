import type { IncomingMessage } from 'node:http';
import { readBodyWithin } from './bounded-body.js';

/** A request body problem the client caused: answered with `status` and `message`. */
export class BadRequestError extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Reads and parses a JSON object body. Too large, not JSON, or not an object: a
 * BadRequestError that says which. An empty body is an empty object.
 */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw new BadRequestError(413, `Request body of ${declared} bytes exceeds the limit of ${limit} bytes`);
  }
  const body = await readBodyWithin(req, limit);
  if (body === null) throw new BadRequestError(413, `Request body exceeds the limit of ${limit} bytes`);
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  if (type !== '' && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new BadRequestError(415, `Expected Content-Type application/json, got "${type.slice(0, 100)}"`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new BadRequestError(400, `Malformed JSON body: ${(cause as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError(400, 'The JSON body must be an object');
  }
  return parsed as Record<string, unknown>;
}
