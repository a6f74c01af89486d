import { describe, expect, it } from 'vitest';
import { RoomFeed } from './roomFeed';

describe('RoomFeed', () => {
  it('when events are pushed, then seqs increase by one and replay returns exactly what came after', () => {
    const f = new RoomFeed(10);
    const start = f.seq;
    const a = f.push('alarm:raised', { alarm: 1 });
    const b = f.push('alarm:updated', { alarm: 2 });
    expect([a.seq, b.seq]).toEqual([start + 1, start + 2]);
    expect(f.since(start)?.map((e) => e.seq)).toEqual([start + 1, start + 2]);
    expect(f.since(start + 2)).toEqual([]);
  });

  it('when the buffer has dropped what a client missed, or the seq is from the future, then replay is refused', () => {
    const f = new RoomFeed(3);
    const start = f.seq;
    for (let i = 0; i < 5; i++) f.push('kpi:update', { i });
    expect(f.since(start)).toBeNull();
    expect(f.since(start + 2)?.length).toBe(3);
    expect(f.since(f.seq + 5)).toBeNull();
  });

  it('when readings for the same device and metric pile up, then only the newest is kept', () => {
    const f = new RoomFeed();
    f.addReading(['d1', 'p', 2, 20]);
    f.addReading(['d1', 'p', 1, 10]);
    f.addReading(['d1', 'q', 1, 5]);
    expect(f.takePending()).toEqual([
      ['d1', 'p', 2, 20],
      ['d1', 'q', 1, 5],
    ]);
    expect(f.takePending()).toBeNull();
  });

  it('when reading batches exceed the reading budget, then the oldest are dropped', () => {
    const f = new RoomFeed(100, 5);
    const start = f.seq;
    f.push('reading:batch', { readings: [1, 2, 3] });
    f.push('reading:batch', { readings: [4, 5, 6] });
    expect(f.since(start)).toBeNull();
    expect(f.since(start + 1)?.length).toBe(1);
  });
});
