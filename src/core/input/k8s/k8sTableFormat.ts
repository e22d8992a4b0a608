/**
 * The 'k8s-table' format: kubectl's text tables of events (`kubectl get
 * events`, `kubectl events`, with -A / -o wide / -w, and the older layout) and
 * `kubectl get pods -w`. Detected by the header line; see readK8sTable.
 */
import type { FormatSpec } from '../formatParser';
import { K8sParser } from './k8sParser';
import { tableKindOfHeader } from './readK8sTable';

export function looksLikeK8sTable(head: string): boolean {
  const m = /^[ \t]*\S[^\n]*/m.exec(head.charCodeAt(0) === 0xfeff ? head.slice(1) : head);
  return !!m && tableKindOfHeader(m[0].replace(/\r$/, '')) !== null;
}

export const k8sTableFormat: FormatSpec = {
  id: 'k8s-table',
  label: 'kubectl events / pods table',
  detect: (_name, head) => looksLikeK8sTable(head),
  create: () => new K8sParser('table'),
};
