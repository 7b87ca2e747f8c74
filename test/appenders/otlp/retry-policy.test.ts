import { expect } from 'chai';
import { backoffDelay, retryAfterMs, verdictOf } from '../../../appenders/otlp/retry-policy.js';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('OTLP retry policy', () => {
  it('retries network errors and 429, 502, 503, 504; any other 4xx or 5xx is final', () => {
    expect(verdictOf({ error: new Error('connect ECONNREFUSED 127.0.0.1:4318') }, NOW)).to.deep.equal({ kind: 'retry', reason: 'connect ECONNREFUSED 127.0.0.1:4318' });
    for (const status of [429, 502, 503, 504]) expect(verdictOf({ status }, NOW).kind, String(status)).to.equal('retry');
    for (const status of [400, 401, 403, 404, 413, 500, 501]) expect(verdictOf({ status }, NOW).kind, String(status)).to.equal('refused');
  });

  it('a 2xx is sent; a partial success says how many records were rejected and why', () => {
    expect(verdictOf({ status: 200, body: '' }, NOW)).to.deep.equal({ kind: 'sent', rejected: 0, message: '' });
    expect(verdictOf({ status: 200, body: 'not json' }, NOW)).to.deep.equal({ kind: 'sent', rejected: 0, message: '' });
    expect(verdictOf({ status: 200, body: '{"partialSuccess":{"rejectedLogRecords":"3","errorMessage":"too\\nold"}}' }, NOW))
      .to.deep.equal({ kind: 'sent', rejected: 3, message: 'too old' });
  });

  it('reports the collector\'s message (google.rpc.Status, or text) on one line, cut at 200 characters', () => {
    expect(verdictOf({ status: 400, body: '{"code":3,"message":"bad\\r\\nrequest"}' }, NOW)).to.deep.equal({ kind: 'refused', reason: 'HTTP 400: bad request' });
    expect(verdictOf({ status: 413, body: `<html>${'x'.repeat(300)}</html>` }, NOW)).to.deep.equal({ kind: 'refused', reason: `HTTP 413: <html>${'x'.repeat(194)}...` });
  });

  it('Retry-After in seconds or as an HTTP date; a past date is now, nonsense is ignored', () => {
    expect(retryAfterMs('120', NOW)).to.equal(120_000);
    expect(retryAfterMs(new Date(NOW + 30_000).toUTCString(), NOW)).to.equal(30_000);
    expect(retryAfterMs(new Date(NOW - 30_000).toUTCString(), NOW)).to.equal(0);
    expect(retryAfterMs('soon', NOW)).to.equal(undefined);
    expect(retryAfterMs(undefined, NOW)).to.equal(undefined);
    expect(verdictOf({ status: 429, retryAfter: '2' }, NOW)).to.deep.equal({ kind: 'retry', reason: 'HTTP 429', retryAfterMs: 2000 });
  });

  it('backoff doubles from the first delay up to the maximum, scaled by a jitter of 0.5 to 1', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, 1000, 5000, () => 1))).to.deep.equal([1000, 2000, 4000, 5000, 5000, 5000]);
    expect([0, 1, 2].map((n) => backoffDelay(n, 1000, 5000, () => 0))).to.deep.equal([500, 1000, 2000]);
    expect(backoffDelay(1000, 1000, 5000, () => 1), 'no overflow after many attempts').to.equal(5000);
  });
});
