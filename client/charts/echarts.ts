/**
 * The one place Apache ECharts is imported. Only modules reached through a dynamic import() use it
 * (see EChart.tsx / LazyEChart.tsx), so it lands in its own lazy chunk and never in the initial JS.
 * Tree-shaken: only the chart types and components the console draws are registered.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkAreaComponent,
  MarkPointComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** Colours of the console (client/styles.css :root) for ECharts. */
export const CHART_COLORS = {
  text: '#e4f1ff',
  dim: '#8ea6c2',
  accent: '#3fd0ff',
  accent2: '#9be7ff',
  grid: 'rgba(63, 208, 255, 0.12)',
  axis: 'rgba(63, 208, 255, 0.35)',
  panel: '#0a1a30',
  good: '#35e08a',
  critical: '#ff2d55',
  major: '#ff6a2d',
  minor: '#ffb020',
  warning: '#ffd84a',
  series: ['#3fd0ff', '#ffb020', '#35e08a', '#b18cff', '#ff6a2d', '#9be7ff', '#ff8fb1', '#ffd84a'],
} as const;

export const THEME = 'twin-dark';

const axis = {
  axisLine: { lineStyle: { color: CHART_COLORS.axis } },
  axisTick: { lineStyle: { color: CHART_COLORS.axis } },
  axisLabel: { color: CHART_COLORS.dim },
  splitLine: { lineStyle: { color: CHART_COLORS.grid } },
  nameTextStyle: { color: CHART_COLORS.dim },
};

echarts.registerTheme(THEME, {
  color: CHART_COLORS.series,
  backgroundColor: 'transparent',
  textStyle: { color: CHART_COLORS.text, fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif" },
  title: { textStyle: { color: CHART_COLORS.text }, subtextStyle: { color: CHART_COLORS.dim } },
  legend: { textStyle: { color: CHART_COLORS.dim }, inactiveColor: '#3a4b60' },
  tooltip: {
    backgroundColor: 'rgba(7, 20, 38, 0.95)',
    borderColor: 'rgba(63, 208, 255, 0.6)',
    textStyle: { color: CHART_COLORS.text },
    axisPointer: { lineStyle: { color: CHART_COLORS.accent2 }, crossStyle: { color: CHART_COLORS.accent2 }, label: { backgroundColor: '#12324f' } },
  },
  categoryAxis: axis,
  valueAxis: axis,
  timeAxis: axis,
  logAxis: axis,
  dataZoom: {
    textStyle: { color: CHART_COLORS.dim },
    borderColor: CHART_COLORS.axis,
    fillerColor: 'rgba(63, 208, 255, 0.15)',
    handleStyle: { color: CHART_COLORS.accent, borderColor: CHART_COLORS.accent },
    moveHandleStyle: { color: CHART_COLORS.axis },
    dataBackground: { lineStyle: { color: CHART_COLORS.axis }, areaStyle: { color: 'rgba(63, 208, 255, 0.08)' } },
    selectedDataBackground: { lineStyle: { color: CHART_COLORS.accent }, areaStyle: { color: 'rgba(63, 208, 255, 0.2)' } },
  },
});

export { echarts };
export type { EChartsCoreOption, ECharts } from 'echarts/core';
