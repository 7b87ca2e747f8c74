import { getLogger } from '../../../log-manager.js';
import { AUDIT_SWITCH_LABELS } from '../../audit/audit-coverage.js';
import type { AuditSwitches } from '../../audit/audit-log.js';
import type { AuditPage, AuditQuery } from '../../audit/audit-query.js';
import type { AuditRecord } from '../../audit/audit-record.js';
import { AUDIT_SWITCH_NAMES } from '../../audit/audit-switch-store.js';
import { logSafe } from '../../log-safe.js';
import { TokenPermissionError } from '../../tokens/token-errors.js';
import type { ActionResult, ConsolePage, ConsolePageFactory, ConsoleServices, FormFields, PageContext } from '../console-page.js';
import { consoleTime } from '../console-time.js';
import { html, type SafeHtml } from '../html.js';

const PAGE_SIZE = 50;
const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_FILTER_LENGTH = 200;

const log = getLogger('logwarden.auth.console.AuditLogPage');

/** A `yyyy-MM-dd` day (as a date input sends it) as its first instant in UTC; undefined when empty, null when not a date. */
function dayOf(text: string): number | undefined | null {
  if (text === '') return undefined;
  const match = DATE.exec(text);
  if (!match) return null;
  const at = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(at).toISOString().slice(0, 10) === text ? at : null;
}

interface EventFilter {
  readonly author: string;
  readonly text: string;
  readonly category: string;
  readonly from: string;
  readonly to: string;
  readonly offset: number;
}

function filterOf(query: URLSearchParams): EventFilter {
  const text = (name: string) => (query.get(name) ?? '').trim().slice(0, MAX_FILTER_LENGTH);
  const offset = Number(query.get('offset') ?? '0');
  return {
    author: text('author'), text: text('text'), category: text('category'), from: text('from'), to: text('to'),
    offset: Number.isSafeInteger(offset) && offset >= 0 ? offset : 0,
  };
}

/** The audit query for the filter; the problems are the filter fields that are not dates. */
function queryOf(filter: EventFilter): { query: AuditQuery; problems: string[] } {
  const problems: string[] = [];
  const from = dayOf(filter.from);
  const to = dayOf(filter.to);
  if (from === null) problems.push(`"From" is not a date (yyyy-mm-dd): ${filter.from}`);
  if (to === null) problems.push(`"To" is not a date (yyyy-mm-dd): ${filter.to}`);
  const query: AuditQuery = {
    offset: filter.offset,
    limit: PAGE_SIZE,
    ...(filter.author === '' ? {} : { author: filter.author }),
    ...(filter.text === '' ? {} : { text: filter.text }),
    ...(filter.category === '' ? {} : { category: filter.category }),
    ...(typeof from === 'number' ? { from } : {}),
    // The To day is included whole.
    ...(typeof to === 'number' ? { to: to + DAY } : {}),
  };
  return { query, problems };
}

function pageLink(context: PageContext, filter: EventFilter, offset: number): string {
  const query = new URLSearchParams();
  for (const name of ['author', 'text', 'category', 'from', 'to'] as const) if (filter[name] !== '') query.set(name, filter[name]);
  if (offset > 0) query.set('offset', String(offset));
  const suffix = query.toString();
  return suffix === '' ? context.pageUrl() : `${context.pageUrl()}?${suffix}`;
}

function resourceList(record: AuditRecord): SafeHtml {
  return html`${record.affectedObjects.map((o, i) => html`${i > 0 ? ', ' : ''}${o.name} <span class="muted">(${o.type})</span>`)}`;
}

function changeList(record: AuditRecord): SafeHtml {
  if (record.changedValues.length === 0) return html``;
  return html`<ul class="plain">${record.changedValues.map((c) =>
    html`<li>${c.key}: ${c.from === undefined ? '' : html`${c.from} → `}${c.to ?? ''}</li>`)}</ul>`;
}

function detailList(record: AuditRecord): SafeHtml {
  if (record.extraAttributes.length === 0) return html``;
  return html`<ul class="plain">${record.extraAttributes.map((a) => html`<li>${a.name}: ${a.value}</li>`)}</ul>`;
}

function eventTable(page: AuditPage): SafeHtml {
  if (page.records.length === 0) return html`<p class="muted">No audit events match.</p>`;
  return html`<div class="table-box"><table id="audit-events" class="stack">
<thead><tr><th scope="col">Time</th><th scope="col">Author</th><th scope="col">Category</th><th scope="col">Action</th><th scope="col">Affected</th><th scope="col">Changes</th><th scope="col">Source</th><th scope="col">Details</th></tr></thead>
<tbody>${page.records.map((record) => html`<tr>
<td data-label="Time">${consoleTime(Date.parse(record.timestamp), '')}</td>
<td data-label="Author">${record.author.name}</td>
<td data-label="Category">${record.type.category}</td>
<td data-label="Action">${record.type.action}</td>
<td data-label="Affected">${resourceList(record)}</td>
<td data-label="Changes">${changeList(record)}</td>
<td data-label="Source">${record.source ?? ''}</td>
<td data-label="Details">${detailList(record)}</td>
</tr>`)}</tbody>
</table></div>`;
}

function pager(context: PageContext, filter: EventFilter, page: AuditPage): SafeHtml {
  if (page.total === 0) return html``;
  const first = page.offset + 1;
  const last = page.offset + page.records.length;
  const newer = page.offset > 0 ? html`<a href="${pageLink(context, filter, Math.max(0, page.offset - PAGE_SIZE))}" rel="prev">Newer events</a>` : html``;
  const older = last < page.total ? html`<a href="${pageLink(context, filter, last)}" rel="next">Older events</a>` : html``;
  return html`<nav class="pager" aria-label="Audit event pages"><span>Events ${first}–${last} of ${page.total}</span> ${newer} ${older}</nav>`;
}

function switchesForm(context: PageContext, switches: AuditSwitches, stored: string | null): SafeHtml {
  const disabled = stored === null ? html` disabled` : html``;
  return html`<section class="panel" aria-labelledby="coverage-heading">
<h2 id="coverage-heading">Audited events</h2>
<form method="post" action="${context.actionUrl('save-switches')}">${context.csrfField}
<fieldset class="switches"><legend>Besides token changes, which are always audited, write these to the audit log:</legend>
${AUDIT_SWITCH_NAMES.map((name) => html`<div class="field check"><input type="checkbox" id="switch-${name}" name="${name}" value="on"${switches[name] ? html` checked` : html``}${disabled}><label for="switch-${name}">${AUDIT_SWITCH_LABELS[name]}</label></div>`)}
</fieldset>
<button type="submit"${disabled}>Save</button>
</form>
<p class="muted">${stored === null
    ? 'These switches are set by the application: the console was given no place to store them.'
    : html`Stored in ${stored}; they survive a restart.`}</p>
</section>`;
}

function eventFilterForm(context: PageContext, filter: EventFilter): SafeHtml {
  const field = (name: keyof EventFilter, label: string, type: string) =>
    html`<div class="field"><label for="events-${name}">${label}</label><input id="events-${name}" name="${name}" type="${type}" value="${String(filter[name])}"></div>`;
  return html`<form class="fields" method="get" action="${context.pageUrl()}">
${field('author', 'Author', 'text')}
${field('text', 'Text', 'search')}
${field('category', 'Category', 'text')}
${field('from', 'From', 'date')}
${field('to', 'To', 'date')}
<button type="submit" class="secondary">Filter</button>
</form>`;
}

/**
 * resolution's Audit Logging tab and the audit events: the four switches (saved
 * through AuditCoverage, so they survive a restart and each change is audited),
 * and the records of the audit query with its filters, newest first, a page at a time.
 */
export const auditLogPage: ConsolePageFactory = (services: ConsoleServices): ConsolePage => {
  const audit = services.auth.audit;
  const coverage = services.auditCoverage;

  const saveSwitches = async (form: FormFields, context: PageContext): Promise<ActionResult> => {
    if (!coverage) return { status: 409, message: 'The audit switches cannot be changed here: the console was given no place to store them.' };
    const wanted = Object.fromEntries(AUDIT_SWITCH_NAMES.map((name) => [name, form.get(name) === 'on'])) as unknown as AuditSwitches;
    let changed: ReadonlyArray<keyof AuditSwitches>;
    try {
      ({ changed } = await coverage.changeSwitches(context.user, wanted, context.clientAddress));
    } catch (cause) {
      if (cause instanceof TokenPermissionError) return { status: 403, message: 'Only administrators may change the audit settings.' };
      throw cause;
    }
    if (changed.length === 0) return { flash: 'Nothing changed: the audit settings were already so.' };
    log.info(`User ${logSafe(context.user.name)} changed the audit settings: ${changed.map((name) => `${AUDIT_SWITCH_LABELS[name]} ${wanted[name] ? 'on' : 'off'}`).join(', ')}`);
    return { flash: 'The audit settings were saved.' };
  };

  const render = async (context: PageContext): Promise<SafeHtml> => {
    const filter = filterOf(context.query);
    const { query, problems } = queryOf(filter);
    let events: SafeHtml;
    try {
      const page = await audit.query(query);
      events = html`${pager(context, filter, page)}${eventTable(page)}${pager(context, filter, page)}`;
    } catch (cause) {
      log.error('Reading the audit events failed', cause instanceof Error ? cause : new Error(String(cause)));
      events = html`<p class="flash error" role="alert">The audit events cannot be read: ${cause instanceof Error ? cause.message : String(cause)}</p>`;
    }
    return html`${switchesForm(context, coverage?.switches ?? { ...audit.switches }, coverage?.location ?? null)}
<section class="panel" aria-labelledby="events-heading">
<h2 id="events-heading">Events</h2>
${eventFilterForm(context, filter)}
${problems.map((problem) => html`<p class="flash error" role="alert">${problem}; that filter is left out.</p>`)}
${events}
</section>`;
  };

  return {
    segment: 'audit-log',
    title: 'Audit log',
    access: 'administrators',
    render,
    actions: { 'save-switches': saveSwitches },
  };
};
