import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS } from '../../models/geojsonImport';
import { idFromFileName, parseGeojsonText, ReadError } from './readGeojson';

const feature = (n: number) => ({
  type: 'Feature',
  properties: { height: n, confidence: -1 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
});

describe('reading a dropped footprint file', () => {
  it('when it is a FeatureCollection, then it is sent as it came with its feature count', () => {
    const r = parseGeojsonText('a.geojson', JSON.stringify({ type: 'FeatureCollection', features: [feature(1), feature(2)] }));
    expect(r.features).toBe(2);
    expect(r.doc.type).toBe('FeatureCollection');
  });

  it('when it is one Feature per line (Microsoft ships footprints so), then the lines become one FeatureCollection', () => {
    const text = `${JSON.stringify(feature(1))}\n\n${JSON.stringify(feature(2))}\r\n${JSON.stringify(feature(3))}\n`;
    const r = parseGeojsonText('msft.geojsonl', text);
    expect(r.features).toBe(3);
    expect(r.doc.features?.[2]).toEqual(feature(3));
  });

  it('when a line of it is broken, then the error names the line', () => {
    expect(() => parseGeojsonText('x.ndjson', `${JSON.stringify(feature(1))}\n{"type":"Feat`)).toThrow(/line 2 is not valid JSON/);
  });

  it('when it is not GeoJSON, then it says what it got', () => {
    expect(() => parseGeojsonText('x.json', '[1,2]')).toThrow(/got an array/);
    expect(() => parseGeojsonText('x.json', '{"type":"Topology"}')).toThrow(/got type "Topology"/);
    expect(() => parseGeojsonText('x.json', '{"type":"FeatureCollection"}')).toThrow(/without a features array/);
    expect(() => parseGeojsonText('x.json', '  ')).toThrow(ReadError);
  });

  it('when it is larger than an import takes, then it is refused before sending', () => {
    const big = ' '.repeat(IMPORT_LIMITS.bodyMb * 1024 * 1024 + 1);
    expect(() => parseGeojsonText('big.geojson', `{}${big}`)).toThrow(/MB, over the/);
  });

  it('when a file is named, then an id is made of its ASCII words', () => {
    expect(idFromFileName('Optics Valley 光谷.geojson')).toBe('optics-valley');
    expect(idFromFileName('光谷.geojson')).toBe('');
    expect(idFromFileName('buildings.ndjson')).toBe('buildings');
  });
});
