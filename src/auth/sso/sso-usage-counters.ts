/** Kantega SSO's usage statistics, one set per authentication method. */
export interface SsoUsageCounts {
  loginCompleted: number;
  challengeSent: number;
  failedValidatingClientToken: number;
  userNotFound: number;
  userLacksLoginPermission: number;
  userNotInRequiredGroup: number;
  clientInTemporaryLockout: number;
}

export type SsoCounterName = keyof SsoUsageCounts;

/** The failure kinds that have a counter of their own. */
export type SsoFailureKind = Exclude<SsoCounterName, 'loginCompleted' | 'challengeSent'>;

export const SSO_FAILURE_KINDS: readonly SsoFailureKind[] = [
  'failedValidatingClientToken', 'userNotFound', 'userLacksLoginPermission', 'userNotInRequiredGroup', 'clientInTemporaryLockout',
];

export function emptyCounts(): SsoUsageCounts {
  return {
    loginCompleted: 0,
    challengeSent: 0,
    failedValidatingClientToken: 0,
    userNotFound: 0,
    userLacksLoginPermission: 0,
    userNotInRequiredGroup: 0,
    clientInTemporaryLockout: 0,
  };
}
