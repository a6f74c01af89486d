import { useEffect, useState } from 'react';
import type { CompoundSummary } from '../../models/compound';
import { useSessionStore } from '../stores/useSessionStore';
import { request } from './api';

/** The signed-in user's compounds (GET /api/v1/compounds lists only those in scope), fetched once per user. */
let cache: { userId: number; list: Promise<CompoundSummary[]> } | null = null;

function listFor(userId: number): Promise<CompoundSummary[]> {
  if (cache?.userId !== userId) {
    const list = request<CompoundSummary[]>('/api/v1/compounds');
    cache = { userId, list };
    // a failure is not remembered: the next caller asks again
    list.catch(() => {
      if (cache?.list === list) cache = null;
    });
  }
  return cache.list;
}

/** The compounds the user may open, or null while unknown (signed out, loading, or the list failed). */
export function useCompoundList(): CompoundSummary[] | null {
  const userId = useSessionStore((s) => s.me?.user.id ?? null);
  const [list, setList] = useState<{ userId: number; items: CompoundSummary[] } | null>(null);
  useEffect(() => {
    if (userId === null) return;
    let live = true;
    listFor(userId).then(
      (items) => live && setList({ userId, items }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [userId]);
  return list && list.userId === userId ? list.items : null;
}
