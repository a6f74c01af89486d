import { describe, expect, it } from 'vitest';
import { systemHealth, systemsOf } from './systemHealth';

describe('systemHealth', () => {
  const devices = [
    { id: 's1', type: 'smoke_detector' as const },
    { id: 'h1', type: 'hydrant_pressure' as const },
    { id: 'c1', type: 'camera' as const },
    { id: 'c2', type: 'camera' as const },
    { id: 'm1', type: 'public_meter' as const },
  ];
  it('when devices of several types share a system, then they are counted together under it', () => {
    const sys = systemsOf(devices);
    expect([...sys.keys()]).toEqual(['video', 'fire', 'energy']);
    expect(sys.get('fire')!.sort()).toEqual(['h1', 's1']);
  });
  it('when some devices are offline, then health is the online share (alarm and maintenance count as reporting)', () => {
    const status: Record<string, 'online' | 'offline' | 'alarm'> = { s1: 'alarm', h1: 'offline', c1: 'online', c2: 'offline' };
    const h = systemHealth(systemsOf(devices), (id) => status[id]);
    expect(h).toEqual([
      { system: 'video', total: 2, online: 1, pct: 50 },
      { system: 'fire', total: 2, online: 1, pct: 50 },
      { system: 'energy', total: 1, online: 0, pct: 0 },
    ]);
  });
});
