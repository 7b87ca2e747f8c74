import { parseAuditRecord, type AuditRecord } from '../auth/audit/audit-record.js';
import { detached } from './detached-string.js';
import { RecentMap } from './recent-map.js';
import { parseProductLogLine, type ProductLogLine } from './product-log-line.js';
import { tokenEventOf, type TokenEvent } from './token-line-events.js';
import { TokenUsage, type TokenUsageRow } from './token-usage.js';

export interface TokenReportFilter {
  /** Events before this epoch millisecond are left out. */
  readonly since?: number;
  /** Events at or after this epoch millisecond are left out. */
  readonly until?: number;
  /** Only tokens of this owner. */
  readonly user?: string;
  /** Only this token, by id or name. */
  readonly token?: string;
}

/** Requests whose lines are still being put together (at least this many, at most twice); a request's lines come close together. */
export const OPEN_REQUESTS_KEPT = 4096;
/** Tokens tracked; events of further ones are only counted in `untrackedEvents`. */
export const TOKENS_KEPT = 100_000;

/** The lines of one request (by request id, else thread) seen so far. */
interface RequestState {
  /** Bits of KIND_BITS: the kinds of line seen. */
  kinds: number;
  tokenKey?: string;
  tokenId?: string;
  outcome?: 'success' | 'failure';
}

/**
 * Which token each client used, from product main logs and this module's audit log:
 * one authentication per request, however many lines it logged (the plugin's TRACE
 * lines, the module's DEBUG line and resolution's INFO line of one request count once).
 */
export class TokenUsageReport {
  /** By token id; tokens known by owner and name, or only a user, under keys starting with NUL, which no id holds. */
  private readonly tokens = new Map<string, TokenUsage>();
  private readonly requests = new RecentMap<RequestState>(OPEN_REQUESTS_KEPT);
  /** Events of tokens beyond TOKENS_KEPT. */
  untrackedEvents = 0;

  constructor(private readonly filter: TokenReportFilter = {}) {}

  /** One line of a product log or of the audit log; any other line is ignored. */
  addLine(line: string): void {
    if (line.startsWith('{')) {
      const record = parseAuditRecord(line);
      if (record) this.addAuditRecord(record);
      return;
    }
    const parsed = parseProductLogLine(line);
    if (!parsed) return;
    const event = tokenEventOf(parsed.message);
    if (event) this.addEvent(parsed, event);
  }

  addEvent(line: ProductLogLine, event: TokenEvent): void {
    // A thread name is told from a request id by a leading NUL no log line holds.
    const requestKey = line.requestId ?? `\u0000${line.thread}`;
    let state = this.requests.get(requestKey);
    const kind = KIND_BITS[event.kind === 'success' || event.kind === 'failure' ? event.line : event.kind]!;
    if (!state || event.kind === 'start' || (state.kinds & kind) !== 0) {
      state = { kinds: 0 };
      this.requests.set(requestKey, state);
    }
    state.kinds |= kind;
    if (event.kind === 'start') return;
    if (event.kind === 'tokenId') {
      state.tokenKey = event.tokenId;
      state.tokenId = event.tokenId;
      return;
    }
    const tokenId = event.tokenId ?? state.tokenId;
    const key = tokenId ?? state.tokenKey ?? unidentifiedKey(event);
    if (!key) return;
    state.tokenKey = key;
    state.tokenId = tokenId;
    const usage = this.usage(key, tokenId ?? null);
    if (!usage) return;
    if (event.kind === 'success') usage.describe({ name: event.name, owner: event.user, ownerKey: event.ownerKey });
    else if (event.user !== undefined && usage.owner === null && usage.tokenId === null) usage.describe({ owner: event.user });
    if (state.outcome !== undefined || !this.inPeriod(line.time)) return;
    state.outcome = event.kind;
    usage.count(event.kind, line.time, { address: line.address, endpoint: line.url ?? event.endpoint, requestId: line.requestId });
  }

  addAuditRecord(record: AuditRecord): void {
    const action = record.type.action;
    const outcome = action === 'Successful authentication' ? 'success'
      : action === 'Failed authentication' || action === 'Permission denied' || action === 'Authentication throttled' ? 'failure'
        : undefined;
    const token = record.affectedObjects.find((object) => object.type === 'TOKEN');
    const user = record.affectedObjects.find((object) => object.type === 'USER')?.name;
    const key = token?.id !== undefined ? token.id : user !== undefined ? `\u0000user ${user}` : undefined;
    if (!key || (outcome === undefined && !token)) return;
    const usage = this.usage(key, token?.id ?? null);
    if (!usage) return;
    usage.describe({ name: token?.name, owner: user });
    const time = Date.parse(record.timestamp);
    if (outcome === undefined || !this.inPeriod(time)) return;
    const endpoint = record.extraAttributes.find((attribute) => attribute.name === 'REST endpoint')?.value;
    usage.count(outcome, time, { address: record.source ?? undefined, endpoint });
  }

  /** Tokens with at least one event in the period, most authentications first. */
  rows(): TokenUsageRow[] {
    const { user, token } = this.filter;
    return [...this.tokens.values()]
      .filter((usage) => usage.counted)
      .map((usage) => usage.row())
      .filter((row) => user === undefined || row.owner === user)
      .filter((row) => token === undefined || row.tokenId === token || row.name === token)
      .sort((a, b) => b.authentications - a.authentications || b.failures - a.failures || compare(a.tokenId ?? '', b.tokenId ?? '') || compare(a.name ?? '', b.name ?? '') || compare(a.owner ?? '', b.owner ?? ''));
  }

  private usage(key: string, tokenId: string | null): TokenUsage | undefined {
    const known = this.tokens.get(key);
    if (known) return known;
    if (this.tokens.size >= TOKENS_KEPT) {
      this.untrackedEvents++;
      return undefined;
    }
    const created = new TokenUsage(tokenId);
    this.tokens.set(detached(key), created);
    return created;
  }

  private inPeriod(time: number): boolean {
    const { since, until } = this.filter;
    return (since === undefined || time >= since) && (until === undefined || time < until);
  }
}


const KIND_BITS: Readonly<Record<string, number>> = Object.fromEntries(
  ['start', 'tokenId', 'returning', 'auth-success', 'authenticated', 'found', 'verification', 'passed-on', 'rate-limited', 'not-found', 'mismatch', 'expired']
    .map((kind, i) => [kind, 1 << i]),
);

/** resolution's lines name a token only by owner and description; a failure may name only the user. */
function unidentifiedKey(event: Extract<TokenEvent, { kind: 'success' | 'failure' }>): string | undefined {
  if (event.kind === 'success' && event.name !== undefined && event.user !== undefined) return `\u0000api ${event.user}\u0000${event.name}`;
  return event.user !== undefined ? `\u0000user ${event.user}` : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
