/**
 * Renders server-made SVG (the TOTP QR code) as an <img> data URL instead of injecting markup:
 * an <img> never runs scripts inside the SVG, so no HTML injection is possible.
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}
