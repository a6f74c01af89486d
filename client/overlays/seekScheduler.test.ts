import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeekScheduler } from './seekScheduler';

describe('seek scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const deferred = () => {
    const calls: { t: number; resolve: (v: string) => void }[] = [];
    const load = (t: number) => new Promise<string>((resolve) => calls.push({ t, resolve }));
    return { calls, load };
  };

  it('when the scrubber is dragged, then only the position it rests on is requested', async () => {
    const { calls, load } = deferred();
    const applied: number[] = [];
    const s = new SeekScheduler(load, (t) => applied.push(t), 150);
    for (const t of [1, 2, 3, 4, 5]) {
      s.seek(t);
      vi.advanceTimersByTime(50);
    }
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(calls.map((c) => c.t)).toEqual([5]);
    calls[0].resolve('x');
    await vi.runAllTimersAsync();
    expect(applied).toEqual([5]);
  });

  it('when positions arrive while a request is in flight, then its stale answer is dropped and the latest is asked next', async () => {
    const { calls, load } = deferred();
    const applied: number[] = [];
    const s = new SeekScheduler(load, (t) => applied.push(t), 100);
    s.seek(1, true);
    s.seek(2);
    s.seek(3);
    vi.advanceTimersByTime(500);
    expect(calls.map((c) => c.t)).toEqual([1]);
    calls[0].resolve('a');
    await vi.runAllTimersAsync();
    expect(applied).toEqual([]);
    expect(calls.map((c) => c.t)).toEqual([1, 3]);
    calls[1].resolve('b');
    await vi.runAllTimersAsync();
    expect(applied).toEqual([3]);
  });

  it('when stopped, then nothing more is requested or applied', async () => {
    const { calls, load } = deferred();
    const applied: number[] = [];
    const s = new SeekScheduler(load, (t) => applied.push(t), 100);
    s.seek(1, true);
    s.stop();
    calls[0].resolve('a');
    s.seek(2, true);
    await vi.runAllTimersAsync();
    expect(applied).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('when refreshed, then the same moment is asked again, and an answer in flight meanwhile is not applied', async () => {
    const { calls, load } = deferred();
    const applied: [number, string][] = [];
    const s = new SeekScheduler(load, (t, r) => applied.push([t, r]), 150);
    s.seek(7, true);
    expect(calls.map((c) => c.t)).toEqual([7]);
    s.refresh();
    calls[0].resolve('old');
    await vi.runAllTimersAsync();
    expect(calls.map((c) => c.t)).toEqual([7, 7]);
    calls[1].resolve('new');
    await vi.runAllTimersAsync();
    expect(applied).toEqual([[7, 'new']]);
    s.refresh();
    expect(calls.map((c) => c.t)).toEqual([7, 7, 7]);
  });
});
