import { CanvasTexture, LinearFilter, SRGBColorSpace } from 'three';

export interface LabelStyle {
  fontPx: number;
  padX: number;
  height: number;
  /** Height of the pointer under the box (0 for none). */
  tip: number;
  fill: string;
  stroke: string;
  text: string;
}

export const BUILDING_LABEL: LabelStyle = { fontPx: 34, padX: 18, height: 52, tip: 12, fill: 'rgba(6, 24, 48, 0.88)', stroke: '#3fd0ff', text: '#ffffff' };
/** Service buildings (sheds, guard house, pump room): quieter than the numbered homes. */
export const SERVICE_LABEL: LabelStyle = { fontPx: 26, padX: 12, height: 40, tip: 9, fill: 'rgba(8, 20, 36, 0.82)', stroke: '#6f93b4', text: '#cfe3f5' };
export const UNIT_LABEL: LabelStyle = { fontPx: 24, padX: 12, height: 36, tip: 0, fill: 'rgba(10, 40, 60, 0.85)', stroke: '#9be7ff', text: '#e8faff' };

export const FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export interface PackedCell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Shelf-packs boxes of one height into rows no wider than maxWidth; returns cells and the atlas size. */
export function packShelves(widths: readonly number[], h: number, maxWidth: number, gap = 2): { cells: PackedCell[]; width: number; height: number } {
  const cells: PackedCell[] = [];
  let x = 0;
  let y = 0;
  let width = 0;
  for (const w0 of widths) {
    const w = Math.min(Math.ceil(w0), maxWidth);
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += h + gap;
    }
    cells.push({ x, y, w, h });
    x += w + gap;
    width = Math.max(width, x);
  }
  return { cells, width: Math.max(1, width), height: Math.max(1, y + h) };
}

export interface LabelAtlas {
  texture: CanvasTexture;
  /** Per label: uv rectangle and size in atlas pixels. */
  rects: { u0: number; v0: number; u1: number; v1: number; w: number; h: number }[];
}

/** Draws every label (each in its own style) into one canvas texture so all of them render in a single draw call. */
export function drawLabelAtlas(texts: readonly string[], styleOf: (i: number) => LabelStyle): LabelAtlas {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available for labels');
  const font = (s: LabelStyle) => `600 ${s.fontPx}px ${FONT_FAMILY}`;
  const widths = texts.map((t, i) => {
    const s = styleOf(i);
    ctx.font = font(s);
    return ctx.measureText(t).width + s.padX * 2;
  });
  const shelfH = texts.reduce((m, _, i) => Math.max(m, styleOf(i).height + styleOf(i).tip), 1);
  const pack = packShelves(widths, shelfH, 2048);
  canvas.width = pack.width;
  canvas.height = pack.height;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  texts.forEach((t, i) => {
    const style = styleOf(i);
    ctx.font = font(style);
    const boxH = style.height;
    const cellH = boxH + style.tip;
    const c = { ...pack.cells[i], h: cellH };
    const r = 8;
    ctx.beginPath();
    ctx.roundRect(c.x + 1.5, c.y + 1.5, c.w - 3, boxH - 3, r);
    ctx.fillStyle = style.fill;
    ctx.fill();
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = style.stroke;
    ctx.stroke();
    if (style.tip > 0) {
      const mx = c.x + c.w / 2;
      ctx.beginPath();
      ctx.moveTo(mx - style.tip * 0.8, c.y + boxH - 2);
      ctx.lineTo(mx, c.y + cellH - 1);
      ctx.lineTo(mx + style.tip * 0.8, c.y + boxH - 2);
      ctx.closePath();
      ctx.fillStyle = style.stroke;
      ctx.fill();
    }
    ctx.fillStyle = style.text;
    ctx.fillText(t, c.x + c.w / 2, c.y + boxH / 2 + 1, c.w - style.padX);
  });
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.minFilter = LinearFilter;
  texture.generateMipmaps = false;
  const rects = pack.cells.map((c0, i) => {
    const c = { ...c0, h: styleOf(i).height + styleOf(i).tip };
    return {
      u0: c.x / pack.width,
      u1: (c.x + c.w) / pack.width,
      // canvas y runs down, texture v runs up (flipY)
      v0: 1 - (c.y + c.h) / pack.height,
      v1: 1 - c.y / pack.height,
      w: c.w,
      h: c.h,
    };
  });
  return { texture, rects };
}
