import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { AuthUser } from '../../models';

/** Who a request or socket acts as, and until when. */
export interface Principal {
  user: AuthUser;
  /** Epoch ms; Infinity for a wall token without expiry. */
  expiresAt: number;
  credential: 'session' | 'wall-token';
  /** Hash of the secret that authenticated it (to end exactly this session). */
  credentialHash: string;
  /** Evaluators see per-household data only in aggregate. */
  masked: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Principal;
    /** `{name}` is what services record as the actor (see actorOf in alarms.routes). */
    user?: AuthUser & { name: string };
  }
}

export const SESSION_COOKIE = 'ct_session';

/** The secret a request carries: `Authorization: Bearer`, else the session cookie. */
export function credentialOf(req: Pick<IncomingMessage, 'headers'>): string | null {
  const auth = req.headers.authorization;
  const m = typeof auth === 'string' ? auth.match(/^Bearer\s+(\S{8,200})$/i) : null;
  if (m) return m[1];
  return cookieValue(req.headers.cookie, SESSION_COOKIE);
}

/** One cookie's value from a Cookie header (no dependency for one lookup). */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      return v.length >= 8 && v.length <= 200 ? v : null;
    }
  }
  return null;
}

/** HttpOnly + SameSite=Strict: script cannot read it and no other site can make the browser send it. */
export function sessionCookie(token: string, expiresAt: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((Math.min(expiresAt, Date.now() + 400 * 86_400_000) - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean): string => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;

/** The client address as Express sees it (trust proxy decides whether X-Forwarded-For counts). */
export const ipOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
