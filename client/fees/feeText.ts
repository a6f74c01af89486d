// Texts of the collection-rate heatmap's controls (lazy chunk: not in the shared dictionaries).
export const feeText = {
  month: { zh: '账期', en: 'Bill month' },
  latest: { zh: '最新', en: 'Latest' },
  lowest: { zh: '缴费率最低 {n} 栋', en: 'Lowest {n} collection rates' },
  none: { zh: '尚无物业费账单（导入 CSV：PUT /api/v1/compounds/{id}/fees）', en: 'No property bills yet (import a CSV: PUT /api/v1/compounds/{id}/fees)' },
  arrears: { zh: '{n} 户欠费', en: '{n} in arrears' },
  withheld: { zh: '不足 3 户，不显示', en: 'under 3 households: withheld' },
} as const;
