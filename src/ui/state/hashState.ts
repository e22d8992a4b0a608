/**
 * The page's state in the URL hash, so a reload or a shared link comes back
 * to the same place: `#sample=quickstart&view=log&exec=0&event=12&axis=raw&order=raw`.
 * Only the selected sample, view, execution, selection, axis and log order go
 * there. The hash lands in the browser's history, so for the user's own files
 * nothing taken from them (no event, no search text) is written: only the
 * view, axis and order. Unknown or malformed values are dropped on reading.
 */
import { LOG_ORDERS, type LogOrder } from '../../core/session/eventOrders';

export const VIEWS = ['start', 'diagram', 'anomalies', 'charts', 'log', 'rules', 'compare', 'correlations'] as const;
export type View = (typeof VIEWS)[number];
export const AXES = ['logical', 'raw', 'corrected'] as const;
export type Axis = (typeof AXES)[number];

export interface HashState {
  sample?: string;
  view?: View;
  exec?: number;
  event?: number;
  axis?: Axis;
  order?: LogOrder;
}

const index = (v: string | null) => (v !== null && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

export function parseHash(hash: string): HashState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const out: HashState = {};
  const sample = p.get('sample');
  if (sample && /^[\w.-]{1,100}$/.test(sample)) out.sample = sample;
  const view = oneOf(VIEWS, p.get('view'));
  if (view) out.view = view;
  const axis = oneOf(AXES, p.get('axis'));
  if (axis) out.axis = axis;
  const order = oneOf(LOG_ORDERS, p.get('order'));
  if (order) out.order = order;
  const exec = index(p.get('exec'));
  if (exec !== undefined) out.exec = exec;
  const event = index(p.get('event'));
  if (event !== undefined && out.sample) out.event = event;
  return out;
}

/** Defaults (start view, logical axis, causal order, execution 0) are left out. */
export function formatHash(s: HashState): string {
  const p = new URLSearchParams();
  if (s.sample) p.set('sample', s.sample);
  if (s.view && s.view !== 'start') p.set('view', s.view);
  if (s.exec) p.set('exec', String(s.exec));
  if (s.sample && s.event !== undefined) p.set('event', String(s.event));
  if (s.axis && s.axis !== 'logical') p.set('axis', s.axis);
  if (s.order && s.order !== 'causal') p.set('order', s.order);
  const text = p.toString();
  return text ? `#${text}` : '';
}
