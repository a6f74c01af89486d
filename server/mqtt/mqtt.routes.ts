import { z } from 'zod';
import { HttpError } from '../http/errors';
import { ADMIN_ONLY, type PolicyDeps } from '../http/policy';
import { secureRouter } from '../http/secureRouter';
import { describeRoute } from '../openapi/describeRoute';
import { MqttIdentityError } from './authFiles';
import type { MqttIngest } from './mqttIngest';

describeRoute('get', '/api/v1/admin/mqtt', {
  summary: 'MQTT ingest status: connection, message and reading counts, the last rejections with their reasons',
  description:
    'Gateways sign in to the broker as their device key id (password: the key) and publish to `gateway/<keyId>/compound/<compoundId>/device/<deviceId>/telemetry` (QoS 1) a reading `{metric, ts, value}`, an array of them, or `{"readings": [...]}`; the server subscribes when `MQTT_URL` is set. A message whose compound is not its key\'s, from an unknown or revoked key, or on the old anonymous topic `compound/<id>/device/<deviceId>/telemetry` is refused and counted in `counts.refused` with its reason.',
  tags: ['admin'],
  responses: { 200: { description: 'status (enabled: false when MQTT_URL is not set)', schema: 'MqttStatus' } },
});

const AuthFilesSchema = z.object({
  passwordFile: z.string().describe('mosquitto password_file: the server (from MQTT_URL) and one `<keyId>:$7$…` line per live key'),
  aclFile: z.string().describe('mosquitto acl_file: the server reads, each gateway writes only under gateway/<its key id>/'),
  gateways: z.int(),
  serverUser: z.string().nullable(),
  notes: z.array(z.string()).describe('what was left out and why'),
});

describeRoute('get', '/api/v1/admin/mqtt/auth-files', {
  summary: "The broker's password file and ACL, generated from the live device keys (revoked keys are left out)",
  description:
    "The same files as `npm run mqtt:auth -- <dir>`; for the embedded database, whose folder only the running server may open. Save them as the broker's `password_file` and `acl_file` and restart it.",
  tags: ['admin'],
  responses: { 200: { description: 'both files', schema: AuthFilesSchema }, 409: "the server's MQTT_URL identity is unusable (its reason)" },
});

/** Mounted under /api/v1; admins only. */
export function mqttRouter(mqtt: MqttIngest, deps: PolicyDeps) {
  const r = secureRouter(deps);
  r.get('/admin/mqtt', ADMIN_ONLY, () => mqtt.status());
  r.get('/admin/mqtt/auth-files', ADMIN_ONLY, async (_req, res) => {
    // Password hashes: not for any cache on the way.
    res.setHeader('Cache-Control', 'no-store');
    try {
      return await mqtt.authFiles();
    } catch (err) {
      if (err instanceof MqttIdentityError) throw new HttpError(409, err.message);
      throw err;
    }
  });
  return r.router;
}
