import { tokenPage } from './token-page.js';

/** Atlassian's personal access tokens: every user their own, administrators everyone's. */
export const personalAccessTokensPage = tokenPage({
  family: 'pat', segment: 'personal-access-tokens', title: 'Personal access tokens', noun: 'personal access token',
});
