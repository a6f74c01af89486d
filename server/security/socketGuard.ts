import type { Namespace, Socket } from 'socket.io';
import { can, inScope } from '../../models';
import { socketPolicy } from '../realtime/socketPolicies';
import type { AuthService, RevokeEvent } from '../auth/auth.service';
import { cookieValue, SESSION_COOKIE, type Principal } from '../auth/principal';
import { TokenBuckets } from './tokenBuckets';

/** The longest timer Node keeps (~24.8 days); longer expiries re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the guard keeps on an authenticated socket (Socket.IO types `socket.data` as any). */
export interface SocketData {
  principal?: Principal;
}

export interface SocketGuardOptions {
  /** Events a socket may send per second (burst `eventsBurst`). */
  eventsPerS: number;
  eventsBurst: number;
}

/**
 * Socket.IO's door: the handshake must carry a session cookie, a Bearer token or `auth.token`; every
 * event needs a permission (default deny) and a token from the socket's bucket; a socket is
 * disconnected when its session expires or is revoked.
 */
export class SocketGuard {
  private readonly buckets: TokenBuckets;
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly nsp: Namespace,
    private readonly auth: AuthService,
    opts: SocketGuardOptions = { eventsPerS: 10, eventsBurst: 30 },
  ) {
    this.buckets = new TokenBuckets(opts.eventsBurst, opts.eventsPerS, 100_000);
    nsp.use((socket, next) => {
      this.authenticate(socket).then(
        (p) => {
          if (!p) return next(new Error('unauthorized: sign in (session cookie), or pass auth: {token}'));
          (socket.data as SocketData).principal = p;
          next();
        },
        (err) => next(new Error(`unavailable: cannot check credentials now (${(err as Error).message})`)),
      );
    });
    nsp.on('connection', (socket) => this.onConnection(socket));
    auth.onRevoke((e) => this.revoked(e));
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private async authenticate(socket: Socket): Promise<Principal | null> {
    const h = socket.handshake;
    const explicit = typeof h.auth?.token === 'string' ? h.auth.token : typeof h.query.token === 'string' ? h.query.token : null;
    const bearer = h.headers.authorization?.match(/^Bearer\s+(\S{8,200})$/i)?.[1] ?? null;
    const secret = explicit ?? bearer ?? cookieValue(h.headers.cookie, SESSION_COOKIE);
    if (!secret || secret.length > 200) return null;
    return this.auth.resolve(secret);
  }

  private onConnection(socket: Socket): void {
    const p = (socket.data as SocketData).principal!;
    this.armExpiry(socket, p);
    socket.on('disconnect', () => {
      clearTimeout(this.timers.get(socket.id));
      this.timers.delete(socket.id);
      this.buckets.forget(socket.id);
    });
    socket.use((packet, next) => {
      const [event, body] = packet as [string, unknown];
      const ack: unknown = packet[packet.length - 1];
      const refuse = (error: string) => {
        if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error });
      };
      if (p.expiresAt <= Date.now()) {
        refuse('session expired');
        return void socket.disconnect(true);
      }
      const wait = this.buckets.take(socket.id);
      if (wait > 0) return refuse(`rate limited: retry in ${wait} ms`);
      // Deny by default: only events declared beside their handler (socketPolicies) pass, for the roles and compounds they name.
      const policy = typeof event === 'string' ? socketPolicy(event) : undefined;
      if (!policy) return refuse(`event "${String(event).slice(0, 40)}" is not allowed`);
      const c = body && typeof body === 'object' ? (body as { compoundId?: unknown }).compoundId : undefined;
      if (policy.compound === 'payload' && typeof c !== 'string') return refuse('compoundId: required (a string)');
      if (!can(p.user, policy.gate)) return refuse(`not allowed: ${policy.gate}`);
      if (policy.compound === 'payload' && !inScope(p.user, c as string))
        return refuse(`not allowed: ${policy.gate} on compound "${(c as string).slice(0, 64)}"`);
      next();
    });
  }

  private armExpiry(socket: Socket, p: Principal): void {
    if (!Number.isFinite(p.expiresAt)) return;
    const ms = p.expiresAt - Date.now();
    if (ms <= 0) return void socket.disconnect(true);
    this.timers.set(
      socket.id,
      setTimeout(() => (Date.now() >= p.expiresAt ? socket.disconnect(true) : this.armExpiry(socket, p)), Math.min(ms, MAX_TIMER_MS)),
    );
  }

  private revoked(e: RevokeEvent): void {
    for (const s of this.nsp.sockets.values()) {
      const p = (s.data as SocketData).principal;
      if (p && ('userId' in e ? p.user.id === e.userId : p.credentialHash === e.credentialHash)) s.disconnect(true);
    }
  }
}
