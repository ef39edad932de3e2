// Every mock account starts with an IAM user `admin` holding AdministratorAccess and one
// access key: the operator's identity in that account.
import type { World } from '../world.js';
import { findUser, rootArn, userArn } from './model.js';
import { newAccessKey, newUser } from './entities.js';
import type { IdentityStore } from './store.js';

export const ADMIN_USER = 'admin';
export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  arn: string;
}

export interface AccountCredentials {
  admin: Credentials;
  root: Credentials;
}

/** Creates (or, for a loaded state, finds) each account's admin user and key, and a root
 * access key. */
export function bootstrapAccounts(world: World, store: IdentityStore): Map<string, AccountCredentials> {
  const out = new Map<string, AccountCredentials>();
  const now = new Date(world.now());
  for (const accountId of world.accountIds()) {
    const iam = store.iam(accountId);
    let admin = findUser(iam, ADMIN_USER);
    let changed = false;
    if (!admin) {
      admin = newUser(world, ADMIN_USER, '/', now);
      iam.users.push(admin);
      changed = true;
    }
    if (!admin.attached.includes(ADMINISTRATOR_ACCESS)) {
      admin.attached.push(ADMINISTRATOR_ACCESS);
      changed = true;
    }
    let key = admin.accessKeys.find((k) => k.status === 'Active');
    if (!key) {
      if (admin.accessKeys.length >= 2) admin.accessKeys.shift();
      key = newAccessKey(world, now);
      admin.accessKeys.push(key);
      changed = true;
    }
    let rootKey = iam.rootAccessKeys?.find((k) => k.status === 'Active');
    if (!rootKey) {
      rootKey = newAccessKey(world, now);
      iam.rootAccessKeys = [rootKey];
      changed = true;
    }
    if (changed) store.commit(accountId);
    out.set(accountId, {
      admin: { accessKeyId: key.id, secretAccessKey: key.secret, arn: userArn(accountId, admin.path, admin.name) },
      root: { accessKeyId: rootKey.id, secretAccessKey: rootKey.secret, arn: rootArn(accountId) },
    });
  }
  return out;
}
