// `npm run mqtt:auth -- <outDir> [--owner uid:gid]`: writes the broker's `passwd` and `acl` from the
// live device keys (DATABASE_URL) and the server's identity (MQTT_URL). Run it before the broker starts
// and again after a key is created or revoked, then restart the broker (docker-compose.yml does the first).
import { chownSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb } from '../db/openDb';
import { generateAuthFiles, MqttIdentityError, serverIdentity } from './authFiles';

function fail(msg: string): never {
  console.error(`[mqtt:auth] ${msg}`);
  process.exit(2);
}

/** Replaces the file in one step, so a broker (re)starting meanwhile never reads half of it. */
function writeAtomic(path: string, text: string, owner: [number, number] | null): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o640 });
  if (owner) chownSync(tmp, owner[0], owner[1]);
  renameSync(tmp, path);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const ownerAt = args.indexOf('--owner');
  const ownerArg = ownerAt >= 0 ? args.splice(ownerAt, 2)[1] : undefined;
  if (args.length !== 1) fail('usage: npm run mqtt:auth -- <outDir> [--owner uid:gid]');
  const m = ownerArg === undefined ? null : /^(\d+):(\d+)$/.exec(ownerArg);
  if (ownerArg !== undefined && !m) fail(`--owner "${ownerArg}" is not uid:gid (e.g. 1883:1883, the mosquitto image's user)`);
  // The embedded database belongs to the running server (one process per data folder).
  if (!process.env.DATABASE_URL) fail('DATABASE_URL is not set; with the embedded database use GET /api/v1/admin/mqtt/auth-files on the running server');
  const outDir = resolve(args[0]);
  // A bad MQTT_URL is said before any connection is tried.
  serverIdentity(process.env.MQTT_URL);
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL, log: (l) => console.log(l) });
  try {
    const files = await generateAuthFiles(db, process.env.MQTT_URL);
    mkdirSync(outDir, { recursive: true });
    const owner = m ? ([Number(m[1]), Number(m[2])] as [number, number]) : null;
    writeAtomic(join(outDir, 'passwd'), files.passwordFile, owner);
    writeAtomic(join(outDir, 'acl'), files.aclFile, owner);
    for (const n of files.notes) console.warn(`[mqtt:auth] note: ${n}`);
    console.log(`[mqtt:auth] wrote ${join(outDir, 'passwd')} and acl: server user ${files.serverUser ?? '(none)'}, ${files.gateways} gateway(s)`);
  } finally {
    await db.close();
  }
}

main().catch((err) => fail(err instanceof MqttIdentityError ? err.message : `cannot write the files: ${(err as Error)?.message ?? err}`));
