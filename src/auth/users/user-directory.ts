import { pkcs5s2 } from '../crypto/pkcs5s2.js';

export interface User {
  readonly name: string;
  readonly active: boolean;
  readonly groups: readonly string[];
}

/**
 * Where the auth module learns about users. The host application can plug in its
 * own (LDAP, database); `InMemoryUserDirectory` is the small built-in one.
 */
export interface UserDirectory {
  findUser(name: string): Promise<User | undefined>;
  /**
   * True only for an existing, active user whose password matches. Must take about
   * the same time whether or not the user exists, so timing does not reveal it.
   */
  verifyPassword(name: string, password: string): Promise<boolean>;
}

export interface UserEntry {
  name: string;
  /** A `{PKCS5S2}` hash; give this or `password`. */
  passwordHash?: string;
  /** Hashed on the way in; never kept. */
  password?: string;
  active?: boolean;
  groups?: readonly string[];
}

interface StoredUser extends User {
  passwordHash: string | null;
}

// Verifying against this when the user is unknown keeps the PBKDF2 cost, hence
// the response time, the same as for a real user with a wrong password.
const DECOY_HASH = pkcs5s2.encode('logwarden decoy password');

export class InMemoryUserDirectory implements UserDirectory {
  private readonly users = new Map<string, StoredUser>();

  constructor(entries: Iterable<UserEntry> = []) {
    for (const entry of entries) this.addUser(entry);
  }

  addUser(entry: UserEntry): User {
    if (typeof entry.name !== 'string' || entry.name === '') throw new TypeError('A user needs a non-empty name');
    let passwordHash: string | null = null;
    if (entry.passwordHash !== undefined) {
      if (!pkcs5s2.isWellFormed(entry.passwordHash)) throw new TypeError(`User "${entry.name}": passwordHash is not a {PKCS5S2} hash`);
      passwordHash = entry.passwordHash;
    } else if (entry.password !== undefined) {
      passwordHash = pkcs5s2.encode(entry.password);
    }
    const user: StoredUser = {
      name: entry.name,
      active: entry.active ?? true,
      groups: Object.freeze([...(entry.groups ?? [])]),
      passwordHash,
    };
    this.users.set(entry.name, user);
    return publicUser(user);
  }

  setActive(name: string, active: boolean): void {
    const user = this.users.get(name);
    if (!user) throw new Error(`No such user "${name}"`);
    this.users.set(name, { ...user, active });
  }

  removeUser(name: string): boolean {
    return this.users.delete(name);
  }

  async findUser(name: string): Promise<User | undefined> {
    const user = this.users.get(name);
    return user && publicUser(user);
  }

  async verifyPassword(name: string, password: string): Promise<boolean> {
    const user = this.users.get(name);
    const hash = user?.passwordHash ?? DECOY_HASH;
    const matches = await pkcs5s2.matchesAsync(password, hash);
    return matches && user !== undefined && user.passwordHash !== null && user.active;
  }
}

function publicUser(user: StoredUser): User {
  return { name: user.name, active: user.active, groups: user.groups };
}
