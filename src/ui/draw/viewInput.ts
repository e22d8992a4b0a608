/**
 * What a wheel event or a key press asks of the view, decided without the
 * DOM. Wheel: Ctrl (or ⌘) + wheel is a trackpad pinch or a deliberate zoom;
 * a mouse wheel's notch (line mode, or a whole multiple of 100 or 120 px
 * with no sideways part) zooms too; anything else is a two-finger scroll
 * and pans. Browsers give no flag for "mouse", so the notch test is a
 * heuristic: a trackpad fling that happens to send exactly 100 px zooms.
 */
export type ViewAction =
  | { kind: 'zoom'; factor: number }
  | { kind: 'pan'; dx: number; dy: number }
  /** Pan by a fraction of the visible width. */
  | { kind: 'page'; fraction: number }
  | { kind: 'home' }
  | { kind: 'end' }
  | { kind: 'fit' };

export interface WheelLike {
  deltaX: number;
  deltaY: number;
  deltaMode: number;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

const LINE_PX = 16;

export function wheelAction(ev: WheelLike): ViewAction {
  const unit = ev.deltaMode === 1 ? LINE_PX : ev.deltaMode === 2 ? 400 : 1;
  const dx = ev.deltaX * unit;
  const dy = ev.deltaY * unit;
  if (ev.ctrlKey || ev.metaKey) return { kind: 'zoom', factor: Math.exp(-dy * 0.01) };
  if (ev.shiftKey) return { kind: 'pan', dx: dx || dy, dy: 0 };
  const notch = ev.deltaMode === 1 || (ev.deltaX === 0 && ev.deltaY !== 0 && (ev.deltaY % 100 === 0 || ev.deltaY % 120 === 0));
  if (notch) return { kind: 'zoom', factor: Math.SQRT2 ** -Math.sign(dy) };
  return { kind: 'pan', dx, dy };
}

export function keyAction(key: string, shift = false): ViewAction | null {
  switch (key) {
    case '+':
    case '=':
      return { kind: 'zoom', factor: 2 };
    case '-':
    case '_':
      return { kind: 'zoom', factor: 0.5 };
    case 'ArrowLeft':
      return { kind: 'page', fraction: shift ? -0.5 : -0.1 };
    case 'ArrowRight':
      return { kind: 'page', fraction: shift ? 0.5 : 0.1 };
    case 'ArrowUp':
      return { kind: 'pan', dx: 0, dy: -40 };
    case 'ArrowDown':
      return { kind: 'pan', dx: 0, dy: 40 };
    case 'PageUp':
      return { kind: 'page', fraction: -0.9 };
    case 'PageDown':
      return { kind: 'page', fraction: 0.9 };
    case 'Home':
      return { kind: 'home' };
    case 'End':
      return { kind: 'end' };
    case '0':
      return { kind: 'fit' };
    default:
      return null;
  }
}
