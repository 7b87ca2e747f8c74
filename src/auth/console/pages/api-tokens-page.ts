import { tokenPage } from './token-page.js';

/** resolution's API tokens: every user their own, administrators everyone's. */
export const apiTokensPage = tokenPage({ family: 'api', segment: 'api-tokens', title: 'API tokens', noun: 'API token' });
