import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Lang } from '../i18n/translate';
import { echarts, THEME, type ECharts, type EChartsCoreOption } from './echarts';

export interface EChartProps {
  option: EChartsCoreOption;
  lang: Lang;
  /** CSS height of the chart box (width follows the container). */
  height: string;
  testId?: string;
  ariaLabel?: string;
  className?: string;
  /** Called with the instance once it exists (and again after a language change re-creates it), null when it goes. Use it to append live points without re-rendering React. */
  onChart?: (chart: ECharts | null) => void;
}

/**
 * An ECharts instance in a div, themed like the console, localised (zh / en), resized with its box.
 * A new `option` replaces the previous one (notMerge); keep it memoised. Default export so it can be
 * loaded with React.lazy — import LazyEChart, not this file, from eager code.
 */
export default function EChart({ option, lang, height, testId, ariaLabel, className, onChart }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // the latest callback, for the effects below (which must not re-create the chart when it changes)
  const onChartRef = useRef(onChart);
  useLayoutEffect(() => {
    onChartRef.current = onChart;
  }, [onChart]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, THEME, { locale: lang === 'en' ? 'EN' : 'ZH', renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    onChartRef.current?.(c);
    return () => {
      ro.disconnect();
      onChartRef.current?.(null);
      chart.current = null;
      c.dispose();
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [option, lang]);

  return <div ref={box} className={`echart ${className ?? ''}`} style={{ height }} data-testid={testId} role="img" aria-label={ariaLabel} />;
}
