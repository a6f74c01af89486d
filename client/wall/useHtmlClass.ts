import { useEffect } from 'react';

/** Puts a class on <html> while a mode is mounted (the mode's own page sizing and scrolling). */
export function useHtmlClass(name: string): void {
  useEffect(() => {
    document.documentElement.classList.add(name);
    return () => document.documentElement.classList.remove(name);
  }, [name]);
}
