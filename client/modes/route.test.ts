import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOUND, parseRoute } from './route';

describe('parseRoute', () => {
  it('when no compound is given, then the default demo is used on the console', () => {
    expect(parseRoute('/', '')).toEqual({ mode: 'console', compoundId: DEFAULT_COMPOUND });
  });
  it('when the wall or rating path is opened, then the mode says so', () => {
    expect(parseRoute('/wall', '?compound=sanhe-guanggu')).toEqual({ mode: 'wall', compoundId: 'sanhe-guanggu' });
    expect(parseRoute('/rating/', '').mode).toBe('rating');
    expect(parseRoute('/import', '').mode).toBe('import');
  });
  it('when the compound id is malformed, then the default is used', () => {
    expect(parseRoute('/', '?compound=../etc').compoundId).toBe(DEFAULT_COMPOUND);
  });
});
