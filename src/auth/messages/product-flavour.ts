/** Which product's logger names and wording the authenticator imitates. */
export type ProductFlavour = 'jira' | 'confluence' | 'bitbucket';

export function checkFlavour(value: unknown): ProductFlavour {
  if (value === 'jira' || value === 'confluence' || value === 'bitbucket') return value;
  throw new TypeError(`Unknown product flavour ${JSON.stringify(value)}: expected "jira", "confluence" or "bitbucket"`);
}
