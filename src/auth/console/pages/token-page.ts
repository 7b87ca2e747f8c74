import { getLogger } from '../../../log-manager.js';
import { logSafe } from '../../log-safe.js';
import { TokenNotFoundError, TokenPermissionError, TokenValidationError } from '../../tokens/token-errors.js';
import { filterMatches, type TokenFilter } from '../../tokens/token-filter.js';
import type { TokenFamily, TokenInfo } from '../../tokens/token-record.js';
import { scopeLabel, type TokenScope } from '../../tokens/token-scope.js';
import type { CreatedToken } from '../../tokens/token-service.js';
import type { TokenValidity } from '../../tokens/token-validity.js';
import type { ActionResult, ConsolePage, ConsolePageFactory, ConsoleServices, FormFields, PageContext } from '../console-page.js';
import { consoleTime } from '../console-time.js';
import { html, type SafeHtml } from '../html.js';

/** The validities the Create form offers, those the token policy allows. */
const VALIDITIES: readonly { readonly value: string; readonly label: string; readonly validity: TokenValidity }[] = [
  { value: '30d', label: '30 days', validity: { days: 30 } },
  { value: '90d', label: '90 days', validity: { days: 90 } },
  { value: '6m', label: '6 months', validity: { months: 6 } },
  { value: '12m', label: '1 year', validity: { months: 12 } },
  { value: 'never', label: 'Never expires', validity: 'never' },
];
const DEFAULT_VALIDITY = '90d';
const SCOPES: readonly TokenScope[] = ['READ_WRITE', 'READ_ONLY'];
const TOKEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface TokenPageSettings {
  readonly family: TokenFamily;
  readonly segment: string;
  readonly title: string;
  /** What one is called in sentences: "API token", "personal access token". */
  readonly noun: string;
}

const log = getLogger('logwarden.auth.console.TokenPages');

/** A refusal of the token service as the console answers it; anything else is a bug and is thrown on. */
function refusal(cause: unknown): ActionResult {
  if (cause instanceof TokenValidationError) return { status: 400, message: cause.message };
  if (cause instanceof TokenPermissionError) return { status: 403, message: 'You may not do that with these tokens.' };
  if (cause instanceof TokenNotFoundError) return { status: 404, message: 'There is no such token (it may have been revoked already).' };
  throw cause;
}

/** The administrator's filter, from the page's query: user, description text and scope. */
function filterOf(query: URLSearchParams): { filter: TokenFilter; user: string; description: string; scope: string } {
  const user = (query.get('user') ?? '').trim();
  const description = (query.get('description') ?? '').trim();
  const scope = query.get('scope') ?? '';
  return {
    user, description, scope,
    filter: {
      users: user === '' ? [] : [user],
      ...(description === '' ? {} : { description: description.toLowerCase() }),
      ...(scope === 'READ_ONLY' || scope === 'READ_WRITE' ? { scope } : {}),
    },
  };
}

/**
 * The page where users manage their own tokens of one family (resolution's API
 * tokens, Atlassian's personal access tokens) and administrators every user's:
 * everything goes through the token service, so each change is checked, audited
 * and logged as through the REST API. A new token's value is in the answer to the
 * Create post only: never in a URL, a log line, an audit record or the session.
 */
export function tokenPage(settings: TokenPageSettings): ConsolePageFactory {
  return (services: ConsoleServices): ConsolePage => {
    const service = services.auth.service;
    const { family, noun } = settings;
    const ofFamily = (tokens: TokenInfo[]) => tokens.filter((token) => token.family === family);

    const validities = () => VALIDITIES.filter((choice) => service.allowsValidity(choice.validity));

    const idOf = (form: FormFields): string | null => {
      const id = form.get('id') ?? '';
      return TOKEN_ID.test(id) ? id : null;
    };

    /** The token, if it is of this page's family and the user may see it. */
    const visibleToken = async (context: PageContext, id: string): Promise<TokenInfo | undefined> =>
      ofFamily(await service.listVisible(context.user)).find((token) => token.id === id);

    const create = async (form: FormFields, context: PageContext): Promise<ActionResult> => {
      const choice = validities().find((option) => option.value === form.get('validity'));
      if (!choice) return { status: 400, message: 'Choose a validity from the list.' };
      const scope = form.get('scope');
      if (scope !== 'READ_ONLY' && scope !== 'READ_WRITE') return { status: 400, message: 'Choose a scope from the list.' };
      let made: CreatedToken;
      try {
        made = await service.create(context.user, { description: form.get('description') ?? '', scope, validity: choice.validity, family }, context.clientAddress);
      } catch (cause) {
        return refusal(cause);
      }
      log.info(`User ${logSafe(context.user.name)} created the ${noun} ${made.info.id} in the admin console`);
      return { flash: `The ${noun} "${made.info.description}" was created.`, reveal: newTokenPanel(made, noun) };
    };

    const rename = async (form: FormFields, context: PageContext): Promise<ActionResult> => {
      const id = idOf(form);
      const description = (form.get('description') ?? '').trim();
      if (id === null || !(await visibleToken(context, id))) return refusal(new TokenNotFoundError());
      if (description === '') return { status: 400, message: 'Enter the new description.' };
      try {
        const renamed = await service.rename(context.user, id, description, context.clientAddress);
        log.info(`User ${logSafe(context.user.name)} renamed the ${noun} ${id} in the admin console`);
        return { flash: `The ${noun} is now called "${renamed.description}".` };
      } catch (cause) {
        return refusal(cause);
      }
    };

    const revoke = async (form: FormFields, context: PageContext): Promise<ActionResult> => {
      const id = idOf(form);
      const token = id === null ? undefined : await visibleToken(context, id);
      if (!token) return refusal(new TokenNotFoundError());
      try {
        await service.delete(context.user, token.id, context.clientAddress);
      } catch (cause) {
        return refusal(cause);
      }
      log.info(`User ${logSafe(context.user.name)} revoked the ${noun} ${token.id} of ${logSafe(token.owner)} in the admin console`);
      return { flash: `The ${noun} "${token.description}" was revoked.` };
    };

    const revokeAll = async (form: FormFields, context: PageContext): Promise<ActionResult> => {
      if (!context.isAdministrator) return refusal(new TokenPermissionError());
      const owner = (form.get('owner') ?? '').trim();
      if (owner === '') return { status: 400, message: 'Enter the user whose tokens to revoke.' };
      let count: number;
      try {
        count = await service.deleteAllForUser(context.user, owner, context.clientAddress);
      } catch (cause) {
        return refusal(cause);
      }
      log.info(`User ${logSafe(context.user.name)} revoked all ${count} tokens of ${logSafe(owner)} in the admin console`);
      return { flash: `${count === 1 ? '1 token' : `${count} tokens`} of ${owner} revoked.` };
    };

    const render = async (context: PageContext): Promise<SafeHtml> => {
      // A use is written to the store once a minute; the page shows it at once.
      await services.auth.batcher.flush();
      const own = ofFamily(await service.list(context.user));
      return html`<section class="panel" aria-labelledby="own-heading">
<h2 id="own-heading">Your ${noun}s</h2>
${tokenTable('own-tokens', own, context, false, `You have no ${noun}s.`)}
</section>
${createForm(context, validities(), noun)}
${context.isAdministrator ? await allUsersSection(context) : html``}`;
    };

    const allUsersSection = async (context: PageContext): Promise<SafeHtml> => {
      const { filter, user, description, scope } = filterOf(context.query);
      const tokens = ofFamily(await service.listVisible(context.user)).filter((token) => filterMatches(filter, token));
      return html`<section class="panel" aria-labelledby="all-heading">
<h2 id="all-heading">Every user's ${noun}s</h2>
<form class="fields" method="get" action="${context.pageUrl()}">
<div class="field"><label for="filter-user">Filter by user</label><input id="filter-user" name="user" type="text" value="${user}" autocapitalize="none" spellcheck="false"></div>
<div class="field"><label for="filter-description">Filter by description</label><input id="filter-description" name="description" type="search" value="${description}"></div>
<div class="field"><label for="filter-scope">Filter by scope</label><select id="filter-scope" name="scope">
<option value="">Any scope</option>${SCOPES.map((s) => html`<option value="${s}"${s === scope ? html` selected` : html``}>${scopeLabel(s)}</option>`)}
</select></div>
<button type="submit" class="secondary">Filter</button>
</form>
${tokenTable('all-tokens', tokens, context, true, `No ${noun}s match.`)}
<h3>Revoke all tokens of a user</h3>
<p class="muted">Revokes every token the user holds: API tokens and personal access tokens.</p>
<form class="fields" method="post" action="${context.actionUrl('revoke-all')}">${context.csrfField}
<div class="field"><label for="revoke-all-owner">User whose tokens to revoke</label><input id="revoke-all-owner" name="owner" type="text" required autocapitalize="none" spellcheck="false" value="${user}"></div>
<button type="submit">Revoke all tokens</button>
</form>
</section>`;
    };

    return {
      segment: settings.segment,
      title: settings.title,
      access: 'authenticated',
      render,
      actions: { create, rename, revoke, 'revoke-all': revokeAll },
    };
  };
}

function tokenTable(id: string, tokens: readonly TokenInfo[], context: PageContext, withOwner: boolean, empty: string): SafeHtml {
  if (tokens.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table-box"><table id="${id}" class="stack">
<thead><tr>${withOwner ? html`<th scope="col">User</th>` : html``}<th scope="col">Description</th><th scope="col">Scope</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">Change</th></tr></thead>
<tbody>${tokens.map((token) => tokenRow(id, token, context, withOwner))}</tbody>
</table></div>`;
}

function tokenRow(table: string, token: TokenInfo, context: PageContext, withOwner: boolean): SafeHtml {
  const field = `${table}-${token.id}`;
  return html`<tr>
${withOwner ? html`<td data-label="User">${token.owner}</td>` : html``}<td data-label="Description">${token.description}</td>
<td data-label="Scope">${scopeLabel(token.scope)}</td>
<td data-label="Created">${consoleTime(token.createdAt, '')}</td>
<td data-label="Last used">${consoleTime(token.lastAccessedAt, 'Never')}</td>
<td data-label="Expires">${consoleTime(token.expiresAt, 'Never')}</td>
<td><form method="post" action="${context.actionUrl('rename')}">${context.csrfField}
<input type="hidden" name="id" value="${token.id}">
<label for="${field}-description">New description</label>
<input id="${field}-description" name="description" type="text" required maxlength="255" value="${token.description}">
<button type="submit" class="secondary">Rename</button>
</form>
<form method="post" action="${context.actionUrl('revoke')}">${context.csrfField}
<input type="hidden" name="id" value="${token.id}">
<button type="submit">Revoke</button>
</form></td>
</tr>`;
}

function createForm(context: PageContext, validities: typeof VALIDITIES, noun: string): SafeHtml {
  const preferred = validities.some((choice) => choice.value === DEFAULT_VALIDITY) ? DEFAULT_VALIDITY : validities[0]?.value;
  return html`<section class="panel" aria-labelledby="create-heading">
<h2 id="create-heading">Create token</h2>
<form class="fields" method="post" action="${context.actionUrl('create')}">${context.csrfField}
<div class="field"><label for="create-description">Token description</label><input id="create-description" name="description" type="text" maxlength="255" placeholder="API Token from today"></div>
<div class="field"><label for="create-scope">Scope</label><select id="create-scope" name="scope">${SCOPES.map((s) => html`<option value="${s}">${scopeLabel(s)}</option>`)}</select></div>
<div class="field"><label for="create-validity">Validity</label><select id="create-validity" name="validity">${validities.map((choice) =>
  html`<option value="${choice.value}"${choice.value === preferred ? html` selected` : html``}>${choice.label}</option>`)}</select></div>
<button type="submit">Create token</button>
</form>
<p class="muted">The ${noun} is shown once, right after it is created.</p>
</section>`;
}

/** The one place a token's value appears: this answer's body. */
function newTokenPanel(made: CreatedToken, noun: string): SafeHtml {
  return html`<section class="panel new-token" aria-labelledby="new-token-heading">
<h2 id="new-token-heading">Your new ${noun}</h2>
<p>Copy it now: it is not stored and will not be shown again.</p>
<div class="fields">
<div class="field"><label for="new-token">New token for "${made.info.description}"</label>
<input id="new-token" type="text" readonly value="${made.token}" class="mono" autocomplete="off" spellcheck="false"></div>
<button type="button" data-copy-target="new-token" data-copy-status="new-token-status">Copy</button>
</div>
<p id="new-token-status" role="status" class="muted"></p>
</section>`;
}
