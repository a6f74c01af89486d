import { useT } from '../i18n/useT';
import type { FeedVerdict } from './feedHealth';
import { hhmm } from './wallFormat';

/** Across the whole display when the data stops: "数据中断 · 自 hh:mm 起未更新". Never hides the figures underneath. */
export function StaleWatermark({ verdict }: { verdict: FeedVerdict }) {
  const t = useT();
  if (!verdict.stale) return null;
  return (
    <div className="wall-stale" role="alert" data-testid="stale-watermark" data-reason={verdict.reason ?? ''}>
      <div className="wall-stale-title">{t('wall.stale.title')}</div>
      <div className="wall-stale-since">{t('wall.stale.since', { time: hhmm(verdict.since) })}</div>
      <div className="wall-stale-why">{t(verdict.reason === 'quiet' ? 'wall.stale.quiet' : 'wall.stale.down')}</div>
    </div>
  );
}
