import type { Insets } from '../scene/framing';

/**
 * Screen area the panels cover, measured from the DOM when the camera frames something:
 * panels mark themselves with data-inset="top|left|right|bottom".
 */
export function measureInsets(canvas: HTMLElement | null): Insets {
  const out: Insets = { top: 0, right: 0, bottom: 0, left: 0 };
  if (!canvas || typeof document === 'undefined') return out;
  const c = canvas.getBoundingClientRect();
  document.querySelectorAll<HTMLElement>('[data-inset]').forEach((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    switch (el.dataset.inset) {
      case 'top':
        out.top = Math.max(out.top, r.bottom - c.top);
        break;
      case 'bottom':
        out.bottom = Math.max(out.bottom, c.bottom - r.top);
        break;
      case 'left':
        out.left = Math.max(out.left, r.right - c.left);
        break;
      case 'right':
        out.right = Math.max(out.right, c.right - r.left);
        break;
    }
  });
  return out;
}
