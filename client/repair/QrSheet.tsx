import { useEffect, useState } from 'react';
import type { RepairPlaces } from '../../models/repair';
import { fetchPlaces, RepairApiError } from './api';
import { qrSvg } from './qr';
import type { RepairLang } from './repairText';

const TEXT = {
  zh: { scan: '扫码报修', print: '打印', hint: '张贴在各单元楼道口；扫码后楼栋单元已自动填写。', b: '{n}栋', u: '{n}单元', missing: '未找到该楼栋' },
  en: {
    scan: 'Scan to report a repair',
    print: 'Print',
    hint: 'Post one in each stairwell; the code fills in the building and unit.',
    b: 'Bldg {n}',
    u: 'Unit {n}',
    missing: 'Building not found',
  },
};

/** The printable sheet of a building's repair QR codes (one per unit, with the prefilled /repair link): `/repair?compound=&sheet=<building>`. */
export function QrSheet({ compound, buildingId, lang }: { compound: string; buildingId: string; lang: RepairLang }) {
  const tx = TEXT[lang];
  const [places, setPlaces] = useState<RepairPlaces | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<Record<string, string | null>>({});
  const building = places?.buildings.find((b) => b.id === buildingId);
  const urlOf = (unitId: string) =>
    `${window.location.origin}/repair?compound=${encodeURIComponent(compound)}&building=${encodeURIComponent(buildingId)}&unit=${encodeURIComponent(unitId)}`;

  useEffect(() => {
    fetchPlaces(compound).then(setPlaces, (e: unknown) => setError(e instanceof RepairApiError ? e.message : String(e)));
  }, [compound]);
  useEffect(() => {
    if (!building) return;
    let live = true;
    void Promise.all(building.units.map(async (u) => [u.id, await qrSvg(urlOf(u.id))] as const)).then((list) => live && setCodes(Object.fromEntries(list)));
    return () => {
      live = false;
    };
    // urlOf depends only on compound/buildingId, which `building` follows
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [building]);

  if (error) return <p className="rp-error">{error}</p>;
  if (!places) return <p className="rp-note">…</p>;
  if (!building) return <p className="rp-error">{tx.missing}</p>;
  const bName = tx.b.replace('{n}', building.number);
  return (
    <div className="qr-sheet" data-testid="repair-qr-sheet">
      <header className="qr-sheet-head">
        <div>
          <h1>
            {lang === 'en' && places.nameEn ? places.nameEn : places.name} · {bName}
          </h1>
          <p className="rp-hint">{tx.hint}</p>
        </div>
        <button type="button" className="rp-submit qr-print" onClick={() => window.print()}>
          {tx.print}
        </button>
      </header>
      <div className="qr-grid">
        {building.units.map((u) => {
          const svg = codes[u.id];
          return (
            <figure key={u.id} className="qr-card" data-testid="repair-qr-card" data-url={urlOf(u.id)}>
              {svg ? <div className="qr-code" dangerouslySetInnerHTML={{ __html: svg }} /> : <div className="qr-code qr-missing">{urlOf(u.id)}</div>}
              <figcaption>
                <b>
                  {bName} {tx.u.replace('{n}', String(u.number))}
                </b>
                <span>{tx.scan}</span>
              </figcaption>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
