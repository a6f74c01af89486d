// Password-file entries in mosquitto 2's own format, made in Node: `$7$<iterations>$<salt>$<hash>`
// is PBKDF2-HMAC-SHA512 over the password with the base64-decoded salt, 64 bytes, base64 (the
// format mosquitto_passwd writes; mqttAuth.test.ts has the real broker check it).
import { pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * mosquitto_passwd's default. The broker pays it on every connect; our secrets are 192-bit random
 * keys, not guessable passwords, so more rounds would slow connects without making a guess likelier.
 */
export const MOSQUITTO_ITERATIONS = 101;

/** The part after `username:` in a mosquitto password file. */
export function mosquittoHash(password: string, salt: Buffer = randomBytes(12), iterations = MOSQUITTO_ITERATIONS): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against an entry (tests compare with mosquitto_passwd through it). */
export function mosquittoHashMatches(password: string, entry: string): boolean {
  const m = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(entry);
  if (!m) return false;
  return mosquittoHash(password, Buffer.from(m[2], 'base64'), Number(m[1])) === entry;
}
