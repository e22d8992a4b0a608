/**
 * A scene as an SVG document: the diagram as vector graphics for papers and
 * slides. The same scene gives byte-identical text (numbers at fixed
 * precision, batches in paint order, no timestamps or ids), and every piece
 * of text, which comes from logs, is escaped: process names are data, never
 * markup. Characters XML forbids (controls other than tab and newline) become
 * U+FFFD so the file always parses.
 */
import { showBidi } from '../../core/base/visibleControls';
import { FONT_FAMILY, type Batch, type Scene } from './scene';

/** Text for an XML text node or a quoted attribute value. */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Fixed precision and no "-0": the same number always prints the same. */
function n(v: number): string {
  const s = (Math.round(v * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

function paint(b: Batch): string {
  const parts: string[] = [];
  if ('alpha' in b && b.alpha !== 1) parts.push(`opacity="${n(b.alpha)}"`);
  if (b.kind === 'texts') {
    parts.push(`fill="${escapeXml(b.fill)}"`);
  } else if (b.kind === 'triangles') {
    parts.push(`fill="${escapeXml(b.fill)}"`);
  } else if (b.kind === 'lines') {
    // A hairline in SVG: one device pixel at any zoom of the exported image.
    parts.push('fill="none"', `stroke="${escapeXml(b.stroke)}"`, b.hairline ? 'stroke-width="1" vector-effect="non-scaling-stroke"' : `stroke-width="${n(b.width)}"`);
    if (b.dash) parts.push(`stroke-dasharray="${b.dash.map(n).join(' ')}"`);
  } else {
    parts.push(`fill="${b.fill ? escapeXml(b.fill) : 'none'}"`);
    if (b.stroke) parts.push(`stroke="${escapeXml(b.stroke)}"`, `stroke-width="${n(b.width)}"`);
    if (b.kind === 'rects' && b.dash) parts.push(`stroke-dasharray="${b.dash.map(n).join(' ')}"`);
  }
  return parts.join(' ');
}

function body(b: Batch): string {
  const out: string[] = [];
  const d = 'data' in b ? b.data : [];
  switch (b.kind) {
    case 'lines': {
      const path: string[] = [];
      for (let i = 0; i < d.length; i += 4) path.push(`M${n(d[i]!)} ${n(d[i + 1]!)}L${n(d[i + 2]!)} ${n(d[i + 3]!)}`);
      if (path.length) out.push(`<path d="${path.join('')}"/>`);
      break;
    }
    case 'triangles': {
      const path: string[] = [];
      for (let i = 0; i < d.length; i += 6) path.push(`M${n(d[i]!)} ${n(d[i + 1]!)}L${n(d[i + 2]!)} ${n(d[i + 3]!)}L${n(d[i + 4]!)} ${n(d[i + 5]!)}Z`);
      if (path.length) out.push(`<path d="${path.join('')}"/>`);
      break;
    }
    case 'circles':
      for (let i = 0; i < d.length; i += 3) out.push(`<circle cx="${n(d[i]!)}" cy="${n(d[i + 1]!)}" r="${n(d[i + 2]!)}"/>`);
      break;
    case 'rects':
      for (let i = 0; i < d.length; i += 4) {
        const [w, h] = [d[i + 2]!, d[i + 3]!];
        const rx = b.radius > 0 ? ` rx="${n(Math.min(b.radius, w / 2, h / 2))}"` : '';
        out.push(`<rect x="${n(d[i]!)}" y="${n(d[i + 1]!)}" width="${n(w)}" height="${n(h)}"${rx}/>`);
      }
      break;
    case 'texts': {
      const anchor = b.align === 'left' ? 'start' : b.align === 'right' ? 'end' : 'middle';
      for (const t of b.items) {
        out.push(`<text x="${n(t.x)}" y="${n(t.y)}" text-anchor="${anchor}" dominant-baseline="central">${escapeXml(showBidi(t.text))}</text>`);
      }
      break;
    }
  }
  return out.join('\n');
}

/** `title` is written as the SVG's <title>: say what and which view. */
export function sceneToSvg(scene: Scene, title: string): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(scene.width)}" height="${n(scene.height)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${escapeXml(showBidi(title))}</title>`,
    `<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>`,
  ];
  for (const b of scene.batches) {
    const inner = body(b);
    if (!inner) continue;
    const font = b.kind === 'texts' ? ` font-size="${b.size}" font-weight="${b.weight}"` : '';
    lines.push(`<g ${paint(b)}${font}>`, inner, '</g>');
  }
  lines.push('</svg>', '');
  return lines.join('\n');
}
