import { useCallback } from 'react';
import { useUiStore } from '../stores/useUiStore';
import { translate } from './translate';
import type { DictKey } from './zh';

export type TFunction = (key: DictKey, params?: Record<string, string | number>) => string;

/** The translate function for the current language; components re-render when it changes. */
export function useT(): TFunction {
  const lang = useUiStore((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
