import type { IncomingMessage } from 'node:http';

/**
 * The bytes of a request body, or null as soon as it passes `limit` bytes, so a
 * client cannot make the server hold more than that; the caller answers 413.
 */
export async function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
