// The device history chart's words (client/panels/SeriesChart.tsx); spread into i18n/zh.ts and i18n/en.ts.
export const deviceChartZh = {
  'dchart.aria': '{metric}历史曲线（{range}）',
  'dchart.metric': '指标',
  'dchart.avg': '均值',
  'dchart.minMax': '区间',
  'dchart.sum': '合计',
  'dchart.state': '状态',
  'dchart.threshold': '{severity} {op} {value}',
  'dchart.alarmBand': '告警时段',
  'dchart.offGap': '无数据（离线）',
};

export const deviceChartEn: Record<keyof typeof deviceChartZh, string> = {
  'dchart.aria': '{metric} history ({range})',
  'dchart.metric': 'Metric',
  'dchart.avg': 'Average',
  'dchart.minMax': 'Range',
  'dchart.sum': 'Total',
  'dchart.state': 'State',
  'dchart.threshold': '{severity} {op} {value}',
  'dchart.alarmBand': 'Alarm period',
  'dchart.offGap': 'No data (offline)',
};
