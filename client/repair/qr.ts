/** A unit's QR code as an SVG string (qrcode-generator, loaded with the sheet only). */
export async function qrSvg(text: string): Promise<string | null> {
  const { default: qrcode } = await import('qrcode-generator');
  const q = qrcode(0, 'M');
  q.addData(text, 'Byte');
  q.make();
  return q.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}
