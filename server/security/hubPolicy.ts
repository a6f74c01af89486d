import type { Socket } from 'socket.io';
import { can, type TwinSnapshot } from '../../models';
import type { Principal } from '../auth/principal';
import type { Twins } from '../live/twins';
import type { HubDeps } from '../realtime/hub';
import type { SocketData } from './socketGuard';
import { maskEvent, maskSnapshot } from './maskPayloads';

const principalOf = (s: Socket): Principal | undefined => (s.data as SocketData).principal;

/** The hub's permission hooks: read rights per compound, and the masked view for evaluators. */
export function hubPolicy(twins: Twins): Required<Pick<HubDeps, 'canRead' | 'masked' | 'mask'>> {
  return {
    canRead: (socket, compoundId) => {
      const p = principalOf(socket);
      return Boolean(p && p.expiresAt > Date.now() && can(p.user, 'read', compoundId));
    },
    masked: (socket) => principalOf(socket)?.masked ?? true,
    mask: (compoundId, event, payload) => {
      const t = twins.get(compoundId);
      if (!t) return null;
      if (event === 'twin:snapshot') return maskSnapshot(t, payload as unknown as TwinSnapshot) as unknown as Record<string, unknown>;
      return maskEvent(t, event, payload);
    },
  };
}
