import { Level } from '../../../level.js';
import { LogManager } from '../../../log-manager.js';
import type { Logger } from '../../../logger.js';
import { getLogger } from '../../../log-manager.js';
import { logSafe } from '../../log-safe.js';
import type { ActionResult, ConsolePage, ConsolePageFactory, FormFields, PageContext } from '../console-page.js';
import { html, type SafeHtml } from '../html.js';

/** A logger name as Java packages and classes spell them, which is what the configuration files take. */
const LOGGER_NAME = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]*$/;
const MAX_LOGGER_NAME = 256;
const INHERIT = 'INHERIT';

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
<td>${logger.level?.name ?? html`<span class="muted">inherited</span>`}</td>
<td>${logger.getEffectiveLevel().name}</td>
<td>${appenderNames(logger) || html`<span class="muted">none</span>`}${logger.additivity ? html`` : html` <span class="muted">(not additive)</span>`}</td>
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

function render(context: PageContext): SafeHtml {
  const loggers = configuredLoggers();
  const filter = context.query.get('filter') ?? '';
  return html`<section class="panel" aria-labelledby="levels-heading">
<h2 id="levels-heading">Default loggers</h2>
<form class="fields" method="get" action="${context.pageUrl()}">
<div class="field"><label for="logger-filter">Filter loggers</label>
<input id="logger-filter" type="search" name="filter" value="${filter}" data-filter-table="loggers"></div>
</form>
<div class="table-box"><table id="loggers">
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
</section>`;
}

/** Jira's Logging & Profiling: the loggers and their levels, changed at run time and, if asked, in the configuration file. */
export const loggingAndProfilingPage: ConsolePageFactory = (): ConsolePage => ({
  segment: 'logging',
  title: 'Logging & Profiling',
  access: 'administrators',
  render,
  actions: { 'set-level': setLevel },
});
