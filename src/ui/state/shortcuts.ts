/**
 * The page-wide keyboard shortcuts: the list the `?` dialog shows and the
 * decision of what a key press means. Keys typed into a field, or with Ctrl,
 * Alt or Meta held, are never taken: typing must never trigger a command.
 */
import { AXES, VIEWS, type Axis, type View } from './hashState';

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: '?', action: 'Show these shortcuts' },
  { keys: '1 … 8', action: 'Views: start, diagram, anomalies, charts, log, rules, compare, correlations' },
  { keys: 'a', action: 'Diagram axis: logical → raw → corrected time' },
  { keys: 'o', action: 'Log order: causal → raw time → corrected time' },
  { keys: '/', action: 'Search the events (text, /regex/, field=value)' },
  { keys: 'j / k', action: 'Next / previous search hit' },
  { keys: '] / [', action: 'Next / previous event of the chosen correlation' },
  { keys: 'e', action: 'Export menu' },
  { keys: 'Escape', action: 'Close a dialog or menu; clear the selection' },
  { keys: 'Tab', action: 'Move between controls; Left/Right move between view tabs' },
  { keys: 'n / p', action: 'In the diagram: select the next / previous event in causal order' },
  { keys: '← → ↑ ↓', action: 'In the diagram: scroll; in the log: move the current row' },
  { keys: 'Enter', action: 'In the log: show the current row in the diagram' },
];

export type Command =
  | { type: 'help' }
  | { type: 'view'; view: View }
  | { type: 'axis'; axis: Axis }
  | { type: 'order' }
  | { type: 'search' }
  | { type: 'hit'; direction: 1 | -1 }
  | { type: 'correlation'; direction: 1 | -1 }
  | { type: 'export' }
  | { type: 'escape' };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Tag name and editability of the element the key went to. */
  targetTag: string;
  targetEditable: boolean;
}

export function commandFor(k: KeyLike, axis: Axis): Command | null {
  if (k.ctrlKey || k.altKey || k.metaKey) return null;
  if (k.targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(k.targetTag)) return null;
  if (k.key === 'Escape') return { type: 'escape' };
  if (k.key === '?') return { type: 'help' };
  if (/^[1-8]$/.test(k.key)) return { type: 'view', view: VIEWS[Number(k.key) - 1]! };
  if (k.key === 'a') return { type: 'axis', axis: AXES[(AXES.indexOf(axis) + 1) % AXES.length]! };
  if (k.key === 'o') return { type: 'order' };
  if (k.key === '/') return { type: 'search' };
  if (k.key === 'j' || k.key === 'k') return { type: 'hit', direction: k.key === 'j' ? 1 : -1 };
  if (k.key === ']' || k.key === '[') return { type: 'correlation', direction: k.key === ']' ? 1 : -1 };
  if (k.key === 'e') return { type: 'export' };
  return null;
}
