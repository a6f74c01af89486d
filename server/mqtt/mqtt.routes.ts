import { Router } from 'express';
import { describeRoute } from '../openapi/describeRoute';
import type { MqttIngest } from './mqttIngest';

describeRoute('get', '/api/v1/admin/mqtt', {
  summary: 'MQTT ingest status: connection, message and reading counts, the last rejections with their reasons',
  description: 'Devices publish to `compound/<compoundId>/device/<deviceId>/telemetry` (QoS 1) a reading `{metric, ts, value}`, an array of them, or `{"readings": [...]}`; the server subscribes when `MQTT_URL` is set.',
  tags: ['admin'],
  responses: { 200: { description: 'status (enabled: false when MQTT_URL is not set)', schema: 'MqttStatus' } },
});

/** Mounted under /api/v1/admin (an admin guard goes in front of that mount). */
export function mqttRouter(mqtt: MqttIngest): Router {
  const r = Router();
  r.get('/mqtt', (_req, res) => void res.json(mqtt.status()));
  return r;
}
