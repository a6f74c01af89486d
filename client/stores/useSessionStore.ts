import { create } from 'zustand';
import type { Me } from '../../models/auth';

export type SessionStatus = 'checking' | 'signedOut' | 'signedIn' | 'unreachable';

/** Who is signed in. The API answers 401 when the session is missing or expired; that signs the page out. */
export interface SessionState {
  status: SessionStatus;
  me: Me | null;
  error: string | null;
  setMe: (me: Me) => void;
  signedOut: (error?: string | null) => void;
  unreachable: (error: string) => void;
}

export const useSessionStore = create<SessionState>()((set) => ({
  status: 'checking',
  me: null,
  error: null,
  setMe: (me) => set({ status: 'signedIn', me, error: null }),
  signedOut: (error = null) => set({ status: 'signedOut', me: null, error }),
  unreachable: (error) => set({ status: 'unreachable', error }),
}));
