import { InMemoryUserDirectory } from '../auth/users/user-directory.js';

export const ADMIN_GROUP = 'jira-administrators';
export const USER_GROUP = 'jira-software-users';

/** The demo's users: `admin` (administrator) and `automation-user` (a build bot). */
export function demoUsers(adminPassword: string, automationPassword: string): InMemoryUserDirectory {
  return new InMemoryUserDirectory([
    { name: 'admin', password: adminPassword, groups: [ADMIN_GROUP, USER_GROUP] },
    { name: 'automation-user', password: automationPassword, groups: [USER_GROUP] },
  ]);
}
