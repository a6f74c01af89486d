import type { Action } from '../../models';

/**
 * What each client-to-server Socket.IO event needs: the action the principal's role must hold and
 * where its compound comes from (`payload`: the payload's `compoundId`, which must be in scope).
 * Masked principals (evaluators, walls without households) get the masked feed, chosen at join.
 * An event not listed here is refused (SocketGuard) — declare it beside its handler.
 */
export interface SocketPolicy {
  gate: Action;
  compound: 'payload' | 'none';
}

const declared = new Map<string, SocketPolicy>();

/** Declares an event's policy; called beside the handler that serves it (realtime/hub.ts). */
export function declareSocketEvent(event: string, policy: SocketPolicy): void {
  declared.set(event, policy);
}

export function socketPolicy(event: string): SocketPolicy | undefined {
  return declared.get(event);
}

export function declaredSocketEvents(): [string, SocketPolicy][] {
  return [...declared];
}
