// Strings of the history replay's "time machine" marking (banner, KPI bar, device values); spread into i18n/zh.ts and en.ts.
export const replayZh = {
  'replayx.banner': '回放',
  'replayx.notLive': '非实时',
  'replayx.kpiBadge': '回放',
  'replayx.kpiTitle': '以下数字为 {when} 时的状态（回放，非实时）',
  'replayx.valuesAt': '{when} 时的读数（回放）',
  'replayx.noReading': '该时刻前 7 天内无读数',
  'replayx.seenBefore': '{age}（相对回放时刻）',
} as const;

export const replayEn: Record<keyof typeof replayZh, string> = {
  'replayx.banner': 'REPLAY',
  'replayx.notLive': 'not live',
  'replayx.kpiBadge': 'Replay',
  'replayx.kpiTitle': 'Figures as they were at {when} (replay, not live)',
  'replayx.valuesAt': 'Readings as at {when} (replay)',
  'replayx.noReading': 'No reading in the 7 days before',
  'replayx.seenBefore': '{age} (at replay time)',
} as const;
