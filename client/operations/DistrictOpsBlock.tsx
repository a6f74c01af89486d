import type { DistrictOperations } from '../../models/operations';
import { useJson } from '../rating/useJson';
import { useUiStore } from '../stores/useUiStore';
import { fmtMoney, useOpsT } from './opsText';

/** The district view's "Operations" block: the last 30 days' income, upkeep and balance summed, and each compound's operations page. */
export function DistrictOpsBlock() {
  const t = useOpsT();
  const lang = useUiStore((s) => s.lang);
  const ops = useJson<DistrictOperations>('/api/v1/district/operations');
  if (ops.state !== 'ready') return null;
  const d = ops.data;
  return (
    <section className="district-ops" data-testid="district-ops">
      <h2>
        {t('district.ops')} <span className="dim">· {t('district.opsWindow')}</span>
      </h2>
      <dl>
        <div className="fig">
          <dt>{t('kpi.income')}</dt>
          <dd data-ops-total="income">{fmtMoney(d.totals.incomeTotal)}</dd>
        </div>
        <div className="fig">
          <dt>{t('kpi.upkeep')}</dt>
          <dd data-ops-total="upkeep">{fmtMoney(d.totals.upkeep)}</dd>
        </div>
        <div className={`fig ${d.totals.balance >= 0 ? 'good' : 'bad'}`}>
          <dt>{t('kpi.balance')}</dt>
          <dd data-ops-total="balance">{fmtMoney(d.totals.balance)}</dd>
        </div>
      </dl>
      <ul>
        {d.compounds.map((c) => (
          <li key={c.compoundId}>
            <a href={`/operations?compound=${encodeURIComponent(c.compoundId)}`} data-testid="district-ops-link" data-compound-id={c.compoundId}>
              {lang === 'en' ? c.nameEn : c.name}
            </a>
            <span className={c.balance >= 0 ? 'good' : 'bad'}>{fmtMoney(c.balance)}</span>
          </li>
        ))}
        {d.compounds.length > 1 && (
          <li>
            <a href="/operations?compound=all" data-testid="district-ops-all">
              {t('allCompounds')}
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}
