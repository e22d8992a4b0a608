/**
 * Paints a scene on a 2D canvas: one path per batch, so a frame costs a few
 * dozen fill/stroke calls however many marks it holds. The context is
 * expected to be scaled for devicePixelRatio already.
 */
import { FONT_FAMILY, type Scene } from './scene';

/** Shapes per path: see the note on stroking lines below. */
const CHUNK = 512;

export function paintScene(ctx: CanvasRenderingContext2D, scene: Scene): void {
  ctx.save();
  ctx.fillStyle = scene.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  ctx.lineCap = 'butt';
  for (const b of scene.batches) {
    ctx.globalAlpha = 'alpha' in b ? b.alpha : 1;
    switch (b.kind) {
      case 'lines': {
        if (b.data.length === 0) break;
        ctx.setLineDash(b.dash ?? []);
        // The context is scaled by devicePixelRatio: a hairline is 1 / that in CSS pixels.
        ctx.lineWidth = b.hairline ? 1 / (ctx.getTransform().a || 1) : b.width;
        ctx.strokeStyle = b.stroke;
        // Stroked in chunks: a software rasterizer strokes one path of 100k crossing
        // segments in seconds, but many small paths in milliseconds.
        for (let c = 0; c < b.data.length; c += 4 * CHUNK) {
          const path = new Path2D();
          for (let i = c; i < Math.min(b.data.length, c + 4 * CHUNK); i += 4) {
            path.moveTo(b.data[i]!, b.data[i + 1]!);
            path.lineTo(b.data[i + 2]!, b.data[i + 3]!);
          }
          ctx.stroke(path);
        }
        break;
      }
      case 'circles': {
        ctx.setLineDash([]);
        for (let c = 0; c < b.data.length; c += 3 * CHUNK) {
          const path = new Path2D();
          for (let i = c; i < Math.min(b.data.length, c + 3 * CHUNK); i += 3) {
            const x = b.data[i]!;
            const y = b.data[i + 1]!;
            const r = b.data[i + 2]!;
            path.moveTo(x + r, y);
            path.arc(x, y, r, 0, Math.PI * 2);
          }
          if (b.fill) {
            ctx.fillStyle = b.fill;
            ctx.fill(path);
          }
          if (b.stroke) {
            ctx.lineWidth = b.width;
            ctx.strokeStyle = b.stroke;
            ctx.stroke(path);
          }
        }
        break;
      }
      case 'rects': {
        const path = new Path2D();
        for (let i = 0; i < b.data.length; i += 4) {
          const [x, y, w, h] = [b.data[i]!, b.data[i + 1]!, b.data[i + 2]!, b.data[i + 3]!];
          if (b.radius > 0) path.roundRect(x, y, w, h, Math.min(b.radius, w / 2, h / 2));
          else path.rect(x, y, w, h);
        }
        ctx.setLineDash(b.dash ?? []);
        if (b.fill) {
          ctx.fillStyle = b.fill;
          ctx.fill(path);
        }
        if (b.stroke) {
          ctx.lineWidth = b.width;
          ctx.strokeStyle = b.stroke;
          ctx.stroke(path);
        }
        break;
      }
      case 'triangles': {
        // Filled in chunks: one huge path of many small closed shapes rasterizes far slower than several small ones.
        ctx.fillStyle = b.fill;
        for (let c = 0; c < b.data.length; c += 6 * CHUNK) {
          const path = new Path2D();
          for (let i = c; i < Math.min(b.data.length, c + 6 * CHUNK); i += 6) {
            path.moveTo(b.data[i]!, b.data[i + 1]!);
            path.lineTo(b.data[i + 2]!, b.data[i + 3]!);
            path.lineTo(b.data[i + 4]!, b.data[i + 5]!);
            path.closePath();
          }
          ctx.fill(path);
        }
        break;
      }
      case 'texts': {
        ctx.font = `${b.weight} ${b.size}px ${FONT_FAMILY}`;
        ctx.textAlign = b.align;
        ctx.textBaseline = 'middle';
        ctx.fillStyle = b.fill;
        for (const t of b.items) ctx.fillText(t.text, t.x, t.y);
        break;
      }
    }
  }
  ctx.restore();
}
