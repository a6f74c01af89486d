// Strings of alarm attention (3D markers, the wall's ticker and summary, the console's critical-alarm
// toast); spread into i18n/zh.ts and i18n/en.ts.
export const attentionZh = {
  'attn.returned': '已恢复',
  'attn.acked': '已确认',
  'attn.ticker.warnings': '{building} 提示 {n} 起',
  'attn.wall.returned': '已恢复未确认',
  'attn.toast.title': '新的紧急告警',
  'attn.toast.ack': '确认',
  'attn.toast.dispatch': '派工单',
  'attn.toast.linkedWo': '工单 #{id}',
  'attn.toast.locate': '定位',
  'attn.toast.dismiss': '关闭提醒',
  'attn.toast.flyTo': '新紧急告警自动飞往设备',
  'attn.toast.acked': '已确认',
};

export const attentionEn: Record<keyof typeof attentionZh, string> = {
  'attn.returned': 'Returned',
  'attn.acked': 'Acknowledged',
  'attn.ticker.warnings': '{building}: {n} warnings',
  'attn.wall.returned': 'Returned, unacked',
  'attn.toast.title': 'New critical alarm',
  'attn.toast.ack': 'Acknowledge',
  'attn.toast.dispatch': 'Dispatch work order',
  'attn.toast.linkedWo': 'Order #{id}',
  'attn.toast.locate': 'Locate',
  'attn.toast.dismiss': 'Dismiss',
  'attn.toast.flyTo': 'Fly to new critical alarms',
  'attn.toast.acked': 'Acknowledged',
};
