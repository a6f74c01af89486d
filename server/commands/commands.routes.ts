import type { Request } from 'express';
import { z } from 'zod';
import {
  AUDIO_PRESETS,
  BroadcastCreateSchema,
  COMMAND_STATES,
  CommandAckSchema,
  CommandTypeSchema,
  MESSAGE_TEMPLATES,
  type Broadcast,
  type BroadcastDetail,
} from '../../models';
import { ipOf } from '../auth/principal';
import { HttpError, parseOr400, parseRowId } from '../http/errors';
import { none, pathCompound, refuseHouseholdFilter, rowCompound, type PolicyDeps } from '../http/policy';
import { secureRouter, type SecureRouter } from '../http/secureRouter';
import type { IngestGate } from '../ingest/ingest.routes';
import { TokenBuckets } from '../security/tokenBuckets';
import { maskBroadcast, type CommandsService, type Issuer } from './commands.service';

export const BroadcastPreviewSchema = BroadcastCreateSchema.pick({ place: true, channels: true });
export const BroadcastListQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const CommandListQuerySchema = z.strictObject({
  state: z.enum(COMMAND_STATES).optional(),
  deviceId: z.string().min(1).max(80).optional(),
  type: CommandTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const GatewayPollQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const who = (req: Request, actor: string): Issuer => ({ actor, ip: ipOf(req) });

/**
 * Acting from the twin (server/commands): broadcasts to a place and single device commands. Issuing needs `operate`
 * (officers of the compound, admins); evaluators and walls read (without issuers and reasons).
 */
export function commandsRouter(svc: CommandsService, deps: PolicyDeps) {
  const r = secureRouter(deps);
  const broadcastRow = rowCompound('broadcast', (id) => svc.compoundOfBroadcast(parseRowId(id, 'a broadcast')));
  const commandRow = rowCompound('command', (id) => svc.compoundOfCommand(parseRowId(id, 'a command')));
  const compoundOf = (access: { compoundId?: string }) => access.compoundId!;

  r.get('/broadcast-templates', { gate: 'read', compound: none(), masked: 'same' }, () => ({ templates: MESSAGE_TEMPLATES, presets: AUDIO_PRESETS }));

  r.post('/compounds/:id/broadcasts/preview', { gate: 'operate', compound: pathCompound(), masked: 'deny' }, async (req, _res, access) => {
    const b = parseOr400(BroadcastPreviewSchema, req.body ?? {}, 'body');
    return svc.preview(compoundOf(access), b.place, b.channels);
  });

  r.post('/compounds/:id/broadcasts', { gate: 'operate', compound: pathCompound(), masked: 'deny' }, async (req, res, access) => {
    const { detail, replay } = await svc.createBroadcast(compoundOf(access), req.body, who(req, access.actor));
    res.status(replay ? 200 : 201);
    return detail;
  });

  r.get(
    '/compounds/:id/broadcasts',
    { gate: 'read', compound: pathCompound(), masked: (b: { broadcasts: Broadcast[] }) => ({ broadcasts: b.broadcasts.map((x) => maskBroadcast(x)) }) },
    async (req, _res, access) => {
      const q = parseOr400(BroadcastListQuerySchema, req.query, 'query');
      return { broadcasts: await svc.listBroadcasts(compoundOf(access), q.limit) };
    },
  );

  r.get('/broadcasts/:id', { gate: 'read', compound: broadcastRow, masked: (b: BroadcastDetail) => maskBroadcast(b) }, async (req, _res, access) => {
    const id = parseRowId(req.params.id, 'a broadcast');
    const d = await svc.broadcastDetail(id, access.compounds);
    if (!d) throw new HttpError(404, `broadcast ${id} not found`);
    return d;
  });

  r.post('/broadcasts/:id/retry', { gate: 'operate', compound: broadcastRow, masked: 'deny' }, async (req, _res, access) =>
    svc.retryBroadcast(parseRowId(req.params.id, 'a broadcast'), compoundOf(access), who(req, access.actor)),
  );

  r.post('/broadcasts/:id/stop', { gate: 'operate', compound: broadcastRow, masked: 'deny' }, async (req, res, access) => {
    const d = await svc.stopBroadcast(parseRowId(req.params.id, 'a broadcast'), compoundOf(access), who(req, access.actor));
    res.status(201);
    return d;
  });

  r.post('/compounds/:id/commands', { gate: 'operate', compound: pathCompound(), masked: 'deny' }, async (req, res, access) => {
    const { command, replay } = await svc.createCommand(compoundOf(access), req.body, who(req, access.actor));
    res.status(replay ? 200 : 201);
    return command;
  });

  r.get('/compounds/:id/commands', { gate: 'read', compound: pathCompound(), masked: 'deny' }, async (req, _res, access) => {
    const q = parseOr400(CommandListQuerySchema, req.query, 'query');
    refuseHouseholdFilter(access, deps, q.deviceId);
    return { commands: await svc.listCommands(compoundOf(access), q) };
  });

  r.get('/commands/:id', { gate: 'read', compound: commandRow, masked: 'deny' }, async (req, _res, access) => {
    const id = parseRowId(req.params.id, 'a command');
    const c = await svc.command(id, access.compounds);
    if (!c) throw new HttpError(404, `command ${id} not found`);
    return c;
  });

  r.post('/commands/:id/retry', { gate: 'operate', compound: commandRow, masked: 'deny' }, async (req, res, access) => {
    const c = await svc.retryCommand(parseRowId(req.params.id, 'a command'), compoundOf(access), who(req, access.actor));
    res.status(201);
    return c;
  });

  r.get('/compounds/:id/screens', { gate: 'read', compound: pathCompound(), masked: 'same' }, async (_req, _res, access) => ({
    screens: await svc.screens(compoundOf(access)),
  }));

  return r.router;
}

/**
 * Gateways without a connection (ingestRouter's `more`, behind the device API key): poll the key's compound's due
 * commands and acknowledge them. The key's compound is the only scope: another compound's command id is 404.
 */
export function gatewayCommandRoutes(svc: CommandsService, pollsPerS = 5) {
  const perKey = new TokenBuckets(10 * pollsPerS, pollsPerS);
  return (r: SecureRouter, gate: IngestGate): void => {
    r.get('/gateway/commands', { gate: 'public', compound: none() }, async (req) => {
      const k = await gate.key(req);
      gate.take(k.id, 1, perKey);
      const q = parseOr400(GatewayPollQuerySchema, req.query, 'query');
      const out = await svc.poll(k.compoundId, q.limit);
      gate.used(k.id);
      return out;
    });
    r.post('/gateway/commands/:id/ack', { gate: 'public', compound: none() }, async (req) => {
      const k = await gate.key(req);
      gate.take(k.id, 1, perKey);
      const id = parseRowId(req.params.id, 'a command');
      const ack = parseOr400(CommandAckSchema, req.body ?? {}, 'body');
      if (ack.commandId !== undefined && ack.commandId !== id)
        throw new HttpError(400, `body.commandId: ${ack.commandId} is not the command of the path (${id})`);
      const outcome = await svc.acknowledge(k.compoundId, null, id, ack, 'http');
      gate.used(k.id);
      if (outcome === 'unknown') throw new HttpError(404, `command ${id} not found`);
      const c = await svc.command(id, [k.compoundId]);
      return { id, state: c!.state, duplicate: outcome === 'duplicate' };
    });
  };
}
