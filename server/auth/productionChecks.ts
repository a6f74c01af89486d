import type { Db } from '../db/db';
import { countDemoCredentials, countEnabledAdmins, disableDemoCredentials } from '../db/users.repo';
import { AccountsService } from './accounts.service';
import { AuthService } from './auth.service';

/** A start-up refusal with a message that says what to do. */
export class UnsafeConfigError extends Error {}

export interface ProductionEnv {
  /** SESSION_SECRET */
  secret: string | undefined;
  /** DEMO_ACCOUNTS=disable: switch the demo credentials off instead of refusing to start. */
  disableDemo: boolean;
  /** ADMIN_USERNAME / ADMIN_PASSWORD: the first admin, created when the database has none. */
  adminUsername?: string;
  adminPassword?: string;
}

/** Refuses an unsafe configuration before anything is written. */
export function checkSecret(secret: string | undefined): void {
  if (!secret || secret.length < 32) {
    throw new UnsafeConfigError(
      'SESSION_SECRET is not set (or shorter than 32 characters). With DATABASE_URL or NODE_ENV=production the server needs its own secret; ' +
        'generate one with `openssl rand -base64 48` and set SESSION_SECRET.',
    );
  }
}

/**
 * Outside demo mode: no demo credential may work (refuse, or disable them when asked), and the first
 * admin comes from ADMIN_USERNAME/ADMIN_PASSWORD when the database has none.
 */
export async function prepareProduction(db: Db, env: ProductionEnv, log: (m: string) => void): Promise<void> {
  checkSecret(env.secret);
  const demo = await countDemoCredentials(db);
  if (demo.users + demo.keys > 0) {
    if (!env.disableDemo) {
      throw new UnsafeConfigError(
        `this database still holds demo credentials (${demo.users} demo accounts or wall tokens, ${demo.keys} demo gateway keys such as demo-yaguang-xincun) ` +
          'whose passwords are public. Start once with DEMO_ACCOUNTS=disable to switch them off, or use a fresh database.',
      );
    }
    await disableDemoCredentials(db);
    log(`[auth] demo credentials disabled (${demo.users} accounts/wall tokens, ${demo.keys} gateway keys)`);
  }
  if ((await countEnabledAdmins(db)) === 0) {
    if (!env.adminPassword) {
      log('[auth] WARNING: no admin account exists; set ADMIN_USERNAME and ADMIN_PASSWORD (≥ 12 characters) and restart to create one.');
      return;
    }
    if (env.adminPassword.length < 12) throw new UnsafeConfigError('ADMIN_PASSWORD must be at least 12 characters.');
    const auth = new AuthService(db, { secret: env.secret!, sessionTtlMs: 0, wallSessionTtlMs: 0, demo: false, secureCookies: true });
    const u = await new AccountsService(db, auth).createUser({
      username: env.adminUsername || 'admin',
      role: 'admin',
      compounds: ['*'],
      password: env.adminPassword,
    });
    log(`[auth] created the first admin account "${u.username}"`);
  }
}
