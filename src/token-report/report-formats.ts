import type { TokenUsageRow } from './token-usage.js';

/** Text from a log line can hold escape sequences; a terminal or a spreadsheet must not act on them. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}

const counted = (items: readonly { value: string; count: number }[]): string =>
  items.map((item) => `${printable(item.value)} (${item.count})`).join(', ');

function addressesCell(row: TokenUsageRow): string {
  const listed = counted(row.addresses);
  return row.moreAddresses > 0 ? `${listed} +${row.moreAddresses}` : listed;
}

const COLUMNS: readonly { title: string; cell: (row: TokenUsageRow) => string }[] = [
  { title: 'TOKEN ID', cell: (row) => row.tokenId ?? '' },
  { title: 'NAME', cell: (row) => printable(row.name ?? '') },
  { title: 'OWNER', cell: (row) => printable(row.owner ?? '') },
  { title: 'AUTHS', cell: (row) => String(row.authentications) },
  { title: 'FAILS', cell: (row) => String(row.failures) },
  { title: 'FIRST SEEN', cell: (row) => row.firstSeen },
  { title: 'LAST SEEN', cell: (row) => row.lastSeen },
  { title: 'ADDRESSES', cell: addressesCell },
  { title: 'TOP ENDPOINTS', cell: (row) => counted(row.endpoints) },
  { title: 'LAST REQUEST', cell: (row) => printable(row.lastRequestId ?? '') },
];

/** Columns padded to their widest cell; an empty cell prints `-`. */
export function formatTable(rows: readonly TokenUsageRow[]): string {
  const cells = [COLUMNS.map((column) => column.title), ...rows.map((row) => COLUMNS.map((column) => column.cell(row) || '-'))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  return cells.map((line) => line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

/** One JSON document: `{ "tokens": [...] }`, rows as TokenUsageRow. */
export function formatJson(rows: readonly TokenUsageRow[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ tokens: rows, ...extra }, null, 2) + '\n';
}

/**
 * RFC 4180: every cell quoted, quotes doubled, CRLF line ends. A cell that a
 * spreadsheet would take for a formula (= + - @ first) gets a leading apostrophe.
 */
export function formatCsv(rows: readonly TokenUsageRow[]): string {
  const quote = (text: string): string => {
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${printable(safe).replaceAll('"', '""')}"`;
  };
  const header = ['tokenId', 'name', 'owner', 'authentications', 'failures', 'firstSeen', 'lastSeen', 'addresses', 'topEndpoints', 'lastRequestId'];
  const lines = rows.map((row) => [
    row.tokenId ?? '', row.name ?? '', row.owner ?? '', String(row.authentications), String(row.failures), row.firstSeen, row.lastSeen,
    addressesCell(row), counted(row.endpoints), row.lastRequestId ?? '',
  ].map(quote).join(','));
  return [header.map(quote).join(','), ...lines].join('\r\n') + '\r\n';
}
