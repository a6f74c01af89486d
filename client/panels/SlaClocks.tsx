import { useEffect, useState } from 'react';
import type { WorkOrder } from '../../models/workOrder';
import { useT } from '../i18n/useT';
import { formatSpan, slaView, type SlaClockView } from '../overlays/sla';

/** Re-renders every `ms` (the SLA clocks move by minutes; nothing per frame). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

function ClockLine({ label, c, testId }: { label: string; c: SlaClockView; testId: string }) {
  const t = useT();
  const text =
    c.state === 'running'
      ? t('wod.sla.running', { span: formatSpan(c.leftMs) })
      : c.state === 'overdue'
        ? t('wod.sla.overdue', { span: formatSpan(c.leftMs) })
        : c.state === 'late'
          ? t('wod.sla.late', { span: formatSpan(c.leftMs) })
          : t(c.state === 'met' ? 'wod.sla.met' : 'wod.sla.stopped');
  return (
    <div className={`sla-clock ${c.state}`} data-testid={testId} data-state={c.state}>
      <span>{label}</span>
      <b>{text}</b>
    </div>
  );
}

/** The response and resolution clocks of a work order; overdue ones in red. */
export function SlaClocks({ order, compact = false }: { order: WorkOrder; compact?: boolean }) {
  const t = useT();
  const now = useNow();
  const v = slaView(order, now);
  if (compact) {
    const c = v.response.state === 'running' || v.response.state === 'overdue' ? v.response : v.resolve;
    if (c.state !== 'running' && c.state !== 'overdue') return null;
    return (
      <span className={`sla-chip ${c.state}`} data-testid="wo-sla" data-state={c.state}>
        {c.state === 'overdue' ? t('wod.sla.overdue', { span: formatSpan(c.leftMs) }) : t('wod.sla.running', { span: formatSpan(c.leftMs) })}
      </span>
    );
  }
  return (
    <div className="sla-clocks">
      <ClockLine label={t('wod.sla.response')} c={v.response} testId="wo-sla-response" />
      <ClockLine label={t('wod.sla.resolve')} c={v.resolve} testId="wo-sla-resolve" />
    </div>
  );
}
