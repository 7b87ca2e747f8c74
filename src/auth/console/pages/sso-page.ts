import { getLogger } from '../../../log-manager.js';
import { logSafe } from '../../log-safe.js';
import type { SsoEvents, SsoMethod } from '../../sso/sso-events.js';
import type { SsoCounterName } from '../../sso/sso-usage-counters.js';
import type { ActionResult, ConsolePage, ConsolePageFactory, ConsoleServices, FormFields, PageContext } from '../console-page.js';
import { consoleTime } from '../console-time.js';
import { html, type SafeHtml } from '../html.js';

/** Kantega SSO's usage statistics, in its order and words. */
const COUNTERS: readonly { readonly name: SsoCounterName; readonly label: string }[] = [
  { name: 'loginCompleted', label: 'Login completed successfully' },
  { name: 'challengeSent', label: 'Challenge count (WWW-Authenticate)' },
  { name: 'failedValidatingClientToken', label: 'Failed validating the client token' },
  { name: 'userNotFound', label: 'User not found' },
  { name: 'userLacksLoginPermission', label: 'User lacks log-in permission' },
  { name: 'userNotInRequiredGroup', label: 'User not in a required group' },
  { name: 'clientInTemporaryLockout', label: 'Client session in temporary lockout' },
];
const METHODS: readonly SsoMethod[] = ['Kerberos', 'SAML'];

const log = getLogger('logwarden.auth.console.SsoPage');

function countersSection(context: PageContext, sso: SsoEvents): SafeHtml {
  const usage = Object.fromEntries(METHODS.map((method) => [method, sso.usage(method)])) as Record<SsoMethod, ReturnType<SsoEvents['usage']>>;
  return html`<section class="panel" aria-labelledby="counters-heading">
<h2 id="counters-heading">Usage counters</h2>
<p>Counting since ${consoleTime(sso.countingSince, '')}.</p>
<div class="table-box"><table id="usage-counters">
<thead><tr><th scope="col">Counter</th>${METHODS.map((method) => html`<th scope="col" class="number">${method}</th>`)}</tr></thead>
<tbody>${COUNTERS.map((counter) => html`<tr><th scope="row">${counter.label}</th>${METHODS.map((method) => html`<td class="number">${usage[method][counter.name]}</td>`)}</tr>`)}</tbody>
</table></div>
<form method="post" action="${context.actionUrl('reset-counters')}">${context.csrfField}
<button type="submit" class="secondary">Reset counters</button>
</form>
</section>`;
}

function failuresSection(context: PageContext, sso: SsoEvents): SafeHtml {
  const on = sso.collectFailures;
  return html`<section class="panel" aria-labelledby="failures-heading">
<h2 id="failures-heading">Client failures</h2>
<p id="failure-collection-state">${on
    ? html`Failure collection is <strong>on</strong>: every failed log-in is written to the diagnostics log (<code>com.kantegasso.DiagnosticsLog</code>).`
    : html`Failure collection is <strong>off</strong>: failed log-ins are counted and audited but not written to the diagnostics log.`}</p>
<form method="post" action="${context.actionUrl('failure-collection')}">${context.csrfField}
<input type="hidden" name="collect" value="${on ? 'off' : 'on'}">
<button type="submit" aria-describedby="failure-collection-state">${on ? 'Disable failure collection' : 'Enable failure collection'}</button>
</form>
</section>`;
}

/**
 * Kantega SSO's usage counters of Kerberos and SAML log-ins, with the time they
 * count since and a reset, and its Client failures switch: whether failed log-ins
 * are written to `com.kantegasso.DiagnosticsLog`. Left out when the application
 * reports no SSO events.
 */
export const ssoPage: ConsolePageFactory = (services: ConsoleServices): ConsolePage | null => {
  const sso = services.sso;
  if (!sso) return null;

  const resetCounters = (_form: FormFields, context: PageContext): ActionResult => {
    sso.resetUsage();
    log.info(`User ${logSafe(context.user.name)} reset the SSO usage counters`);
    return { flash: 'The usage counters were reset.' };
  };

  const failureCollection = (form: FormFields, context: PageContext): ActionResult => {
    const collect = form.get('collect');
    if (collect !== 'on' && collect !== 'off') return { status: 400, message: 'Choose whether to enable or disable failure collection.' };
    sso.collectFailures = collect === 'on';
    log.info(`User ${logSafe(context.user.name)} ${collect === 'on' ? 'enabled' : 'disabled'} SSO failure collection`);
    return { flash: collect === 'on' ? 'Failure collection is enabled.' : 'Failure collection is disabled.' };
  };

  return {
    segment: 'sso',
    title: 'SSO',
    access: 'administrators',
    render: (context) => html`${countersSection(context, sso)}${failuresSection(context, sso)}`,
    actions: { 'reset-counters': resetCounters, 'failure-collection': failureCollection },
  };
};
