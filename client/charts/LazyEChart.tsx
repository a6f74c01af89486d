import { lazy, Suspense } from 'react';
import type { EChartProps } from './EChart';

const EChart = lazy(() => import('./EChart'));

/** EChart behind a lazy import: ECharts stays out of the initial bundle and loads on first use. */
export function LazyEChart(props: EChartProps & { fallback?: React.ReactNode }) {
  const { fallback, ...rest } = props;
  return (
    <Suspense fallback={fallback ?? <div className="echart-loading" style={{ height: rest.height }} />}>
      <EChart {...rest} />
    </Suspense>
  );
}
