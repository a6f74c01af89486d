import { useEffect, useState } from 'react';

/** The page's rem in CSS px (the wall and the operations page scale it with the screen): chart text sizes follow it. */
export function useRemPx(fallback = 16): number {
  const read = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || fallback;
  const [rem, setRem] = useState(read);
  useEffect(() => {
    const on = () => setRem(read());
    window.addEventListener('resize', on);
    on();
    return () => window.removeEventListener('resize', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return rem;
}
