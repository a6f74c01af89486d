// Strings of the compound switcher and the compound picker (spread into zh.ts / en.ts).
export const compoundSwitcherZh = {
  'compound.switch': '切换小区',
  'compound.choose': '选择小区…',
  'compound.pickTitle': '请选择要打开的小区',
  'compound.notAvailable': '小区 “{id}” 不存在或您无权查看。',
  'compound.none': '您的账号没有可查看的小区。',
} as const;

export const compoundSwitcherEn: Record<keyof typeof compoundSwitcherZh, string> = {
  'compound.switch': 'Switch compound',
  'compound.choose': 'Choose a compound…',
  'compound.pickTitle': 'Choose a compound to open',
  'compound.notAvailable': 'Compound “{id}” does not exist or is not yours to view.',
  'compound.none': 'Your account has no compound to view.',
};
