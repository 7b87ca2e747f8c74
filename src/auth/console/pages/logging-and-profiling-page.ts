import { FileAppender } from '../../../../appenders/file-appender.js';
import { Level } from '../../../level.js';
import { LogManager } from '../../../log-manager.js';
import type { Logger } from '../../../logger.js';
import { getLogger } from '../../../log-manager.js';
import { markLogs } from '../../../log-marker.js';
import { AuditLineLayout } from '../../audit/audit-line-layout.js';
import { logSafe } from '../../log-safe.js';
import { PageRequestError, type ActionResult, type ConsolePage, type ConsolePageFactory, type FormFields, type PageContext } from '../console-page.js';
import { html, type SafeHtml } from '../html.js';

/** A logger name as Java packages and classes spell them, which is what the configuration files take. */
const LOGGER_NAME = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]*$/;
const MAX_LOGGER_NAME = 256;
const INHERIT = 'INHERIT';
/** The live view shows this many lines, read from at most the last 64 KiB of the file. */
const TAIL_LINES = 200;
const TAIL_BYTES = 64 * 1024;

const log = getLogger('logwarden.auth.console.LoggingAndProfiling');

function appenderNames(logger: Logger): string {
  return logger.appenders.map((appender) => appender.name ?? appender.constructor.name).join(', ');
}

/** The loggers a configuration set up: the root, and every logger with its own level or appenders. */
function configuredLoggers(): Logger[] {
  const loggers = LogManager.getCurrentLoggers().filter((logger) => logger.level !== null || logger.appenders.length > 0);
  loggers.sort((a, b) => a.name.localeCompare(b.name));
  return [LogManager.getRootLogger(), ...loggers];
}

function levelOptions(selected: string, withInherit: boolean): SafeHtml {
  const names = Level.values().map((level) => level.name);
  return html`${withInherit ? html`<option value="${INHERIT}"${selected === INHERIT ? html` selected` : html``}>Inherit</option>` : html``}${names.map((name) =>
    html`<option value="${name}"${name === selected ? html` selected` : html``}>${name}</option>`)}`;
}

function loggerRow(logger: Logger, index: number, context: PageContext): SafeHtml {
  const isRoot = logger === LogManager.getRootLogger();
  const own = logger.level?.name ?? INHERIT;
  const id = `logger-${index}`;
  return html`<tr>
<td class="mono">${logger.name}</td>
<td data-label="Level">${logger.level?.name ?? html`<span class="muted">inherited</span>`}</td>
<td data-label="Effective level">${logger.getEffectiveLevel().name}</td>
<td data-label="Appenders">${appenderNames(logger) || html`<span class="muted">none</span>`}${logger.additivity ? html`` : html` <span class="muted">(not additive)</span>`}</td>
<td><form method="post" action="${context.actionUrl('set-level')}">${context.csrfField}
<input type="hidden" name="logger" value="${logger.name}">
<label for="${id}-level">Level of ${logger.name}</label>
<select id="${id}-level" name="level">${levelOptions(own, !isRoot)}</select>
<span class="field check"><input type="checkbox" id="${id}-persist" name="persist" value="on"><label for="${id}-persist">Persist</label></span>
<button type="submit" class="secondary">Set</button>
</form></td>
</tr>`;
}

/** Validates and applies a level change; a file that cannot take it leaves the level as it was. */
function setLevel(form: FormFields, context: PageContext): ActionResult {
  const name = (form.get('logger') ?? '').trim();
  const levelName = (form.get('level') ?? '').trim().toUpperCase();
  const persist = form.get('persist') === 'on';
  if (name === '') return { status: 400, message: 'Enter a package name.' };
  if (name.length > MAX_LOGGER_NAME || (name !== 'root' && !LOGGER_NAME.test(name))) {
    return { status: 400, message: `"${name.slice(0, MAX_LOGGER_NAME)}" is not a package or class name: use letters, digits, dots, dashes, underscores and $.` };
  }
  const level = levelName === INHERIT ? null : Level.toLevel(levelName);
  if (level === undefined) return { status: 400, message: `"${levelName}" is not a logging level.` };
  const logger = name === 'root' ? LogManager.getRootLogger() : undefined;
  if (level === null && logger) return { status: 400, message: 'The root logger must have a level.' };
  try {
    LogManager.setLevel(name, level, { persist });
  } catch (cause) {
    return { status: 409, message: `The level of ${name} was not changed: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
  const shown = level?.name ?? 'inherit';
  log.info(`User ${logSafe(context.user.name)} set the level of ${logSafe(name)} to ${shown}${persist ? ' (saved in the configuration file)' : ''}`);
  return { flash: `${name} is now at ${shown}${persist ? ', saved in the configuration file' : ' until the next restart or reload'}.` };
}

/** The files a mark goes into: every file appender but the audit log's, whose lines are records a verifier reads. */
function markableFile(appender: FileAppender): boolean {
  return !(appender.layout instanceof AuditLineLayout);
}

function fileAppenders(): FileAppender[] {
  return LogManager.getAllAppenders().filter((appender): appender is FileAppender => appender instanceof FileAppender);
}

function names(appenders: readonly FileAppender[]): string {
  return appenders.map((appender) => appender.name).join(', ');
}

function mark(form: FormFields, context: PageContext): ActionResult {
  const message = (form.get('message') ?? '').trim();
  if (/[\r\n\u2028\u2029]/.test(message)) return { status: 400, message: 'The message must be one line.' };
  const rollOver = form.get('rollover') === 'on';
  // Tabs and terminal escapes are written visibly: the mark is one plain line of text.
  const result = markLogs({ message: logSafe(message), rollOver, include: markableFile });
  for (const { appender, error } of result.failed) log.warn(`Could not mark the log of appender ${logSafe(appender.name)}: ${error.message}`);
  log.info(`User ${logSafe(context.user.name)} marked the logs${rollOver ? ' after rolling them over' : ''}${message ? `: ${logSafe(message)}` : ''}`);
  if (result.marked.length === 0) return { flash: 'There is no log file to mark.', kind: 'error' };
  let flash = `Marked ${result.marked.length} log file${result.marked.length === 1 ? '' : 's'} (${names(result.marked)}).`;
  if (result.rolledOver.length > 0) flash += ` Rolled over first: ${names(result.rolledOver)}.`;
  if (result.notRolledOver.length > 0) flash += ` Not rolled over (they roll by date or not at all): ${names(result.notRolledOver)}.`;
  if (result.failed.length > 0) return { flash: `${flash} Could not write to: ${names(result.failed.map((failure) => failure.appender))}.`, kind: 'error' };
  return { flash };
}

async function tail(context: PageContext): Promise<{ appender: string; file: string; lines: string[] }> {
  const name = context.query.get('appender') ?? '';
  const appender = fileAppenders().find((candidate) => candidate.name === name);
  if (!appender) throw new PageRequestError(404, `There is no file appender named "${name.slice(0, MAX_LOGGER_NAME)}".`);
  return { appender: appender.name, file: appender.file, lines: await appender.tail({ lines: TAIL_LINES, maxBytes: TAIL_BYTES }) };
}

async function tailSection(context: PageContext): Promise<SafeHtml> {
  const appenders = fileAppenders();
  if (appenders.length === 0) return html`<p>No file appender is configured.</p>`;
  const chosen = appenders.find((appender) => appender.name === context.query.get('appender')) ?? appenders[0]!;
  let lines: string[];
  try {
    lines = await chosen.tail({ lines: TAIL_LINES, maxBytes: TAIL_BYTES });
  } catch (cause) {
    // An unreadable file (permissions, a folder in its place) must not take the level controls down with it.
    const reason = cause instanceof Error ? cause.message : String(cause);
    log.warn(`Could not read the log of appender ${logSafe(chosen.name)}: ${logSafe(reason)}`);
    lines = [`Cannot read the log: ${reason}`];
  }
  return html`<form class="fields" method="get" action="${context.pageUrl()}">
<div class="field"><label for="tail-appender">Log file</label>
<select id="tail-appender" name="appender">${appenders.map((appender) =>
    html`<option value="${appender.name}"${appender === chosen ? html` selected` : html``}>${appender.name}: ${appender.file}</option>`)}</select></div>
<button type="submit" class="secondary">Show</button>
</form>
<p class="muted">The last ${TAIL_LINES} lines, refreshed every two seconds.</p>
<pre class="tail" id="tail" tabindex="0" aria-label="Last lines of the log file" aria-live="off" data-tail-url="${context.endpointUrl('tail')}" data-tail-select="tail-appender">${lines.join('\n')}</pre>`;
}

async function render(context: PageContext): Promise<SafeHtml> {
  const loggers = configuredLoggers();
  const filter = context.query.get('filter') ?? '';
  return html`<section class="panel" aria-labelledby="levels-heading">
<h2 id="levels-heading">Default loggers</h2>
<form class="fields" method="get" action="${context.pageUrl()}">
<div class="field"><label for="logger-filter">Filter loggers</label>
<input id="logger-filter" type="search" name="filter" value="${filter}" data-filter-table="loggers"></div>
</form>
<div class="table-box"><table id="loggers" class="stack">
<thead><tr><th scope="col">Logger</th><th scope="col">Level</th><th scope="col">Effective level</th><th scope="col">Appenders</th><th scope="col">Change</th></tr></thead>
<tbody>${loggers.filter((logger) => filter === '' || logger.name.toLowerCase().includes(filter.toLowerCase())).map((logger, index) => loggerRow(logger, index, context))}</tbody>
</table></div>
</section>
<section class="panel" aria-labelledby="add-heading">
<h2 id="add-heading">Configure logging level for another package</h2>
<form class="fields" method="post" action="${context.actionUrl('set-level')}">${context.csrfField}
<div class="field"><label for="add-logger">Package name</label><input id="add-logger" name="logger" type="text" required spellcheck="false" autocapitalize="none"></div>
<div class="field"><label for="add-level">Logging level</label><select id="add-level" name="level">${levelOptions('DEBUG', false)}</select></div>
<div class="field check"><input type="checkbox" id="add-persist" name="persist" value="on"><label for="add-persist">Persist in configuration file</label></div>
<button type="submit">Add</button>
</form>
</section>
<section class="panel" aria-labelledby="mark-heading">
<h2 id="mark-heading">Mark logs</h2>
<p>Writes a marker line into every log file, to find the moment again later.</p>
<form class="fields" method="post" action="${context.actionUrl('mark')}">${context.csrfField}
<div class="field"><label for="mark-message">Message</label><input id="mark-message" name="message" type="text" maxlength="1000"></div>
<div class="field check"><input type="checkbox" id="mark-rollover" name="rollover" value="on"><label for="mark-rollover">Roll over logs</label></div>
<button type="submit">Mark</button>
</form>
</section>
<section class="panel" aria-labelledby="tail-heading">
<h2 id="tail-heading">Live log</h2>
${await tailSection(context)}
</section>`;
}

/** Jira's Logging & Profiling: the loggers and their levels, changed at run time and, if asked, in the configuration file. */
export const loggingAndProfilingPage: ConsolePageFactory = (): ConsolePage => ({
  segment: 'logging',
  title: 'Logging & Profiling',
  access: 'administrators',
  render,
  actions: { 'set-level': setLevel, mark },
  endpoints: { tail },
});
