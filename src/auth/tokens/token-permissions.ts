import type { User } from '../users/user-directory.js';

/**
 * Who may do what with tokens: authenticate with one, create tokens for
 * themselves, and create and delete tokens of other users (administration).
 */
export interface TokenPermissions {
  canUseTokens(user: User): boolean;
  canCreateOwn(user: User): boolean;
  canManageOthers(user: User): boolean;
}

export interface GroupPermissionsOptions {
  /** Groups whose members may authenticate with tokens; omitted: every active user. */
  useGroups?: readonly string[];
  /** Groups whose members may create their own tokens; omitted: every active user. */
  createGroups?: readonly string[];
  /** Groups whose members administer other users' tokens. */
  adminGroups: readonly string[];
}

/** Permissions from group membership; an inactive user may do nothing. */
export class GroupPermissions implements TokenPermissions {
  constructor(private readonly options: GroupPermissionsOptions) {}

  canUseTokens(user: User): boolean {
    return user.active && inAny(user, this.options.useGroups);
  }

  canCreateOwn(user: User): boolean {
    return user.active && inAny(user, this.options.createGroups);
  }

  canManageOthers(user: User): boolean {
    return user.active && this.options.adminGroups.some((group) => user.groups.includes(group));
  }
}

function inAny(user: User, groups: readonly string[] | undefined): boolean {
  return groups === undefined || groups.some((group) => user.groups.includes(group));
}
