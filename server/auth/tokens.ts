import { createHmac, randomBytes } from 'node:crypto';

/** A fresh bearer secret: a short prefix says what it is (`cts_` session, `ctw_` wall token), 32 random bytes. */
export const newSecret = (prefix: 'cts_' | 'ctw_'): string => prefix + randomBytes(32).toString('base64url');

/**
 * Session and wall-token secrets are stored as HMAC-SHA256 under the server secret: the database alone
 * (a backup, a leak) neither yields a usable token nor lets anyone check a guess.
 */
export function tokenHasher(serverSecret: string): (token: string) => string {
  return (token) => createHmac('sha256', serverSecret).update(token).digest('base64url');
}
