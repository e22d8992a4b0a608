/**
 * The 'k8s' format: Kubernetes objects as kubectl, client-go, support bundles
 * and watch recorders write them (JSON: one value, concatenated values, JSON
 * lines, `--output-watch-events` lines; YAML: one or many documents), holding
 * Events of core/v1 or events.k8s.io/v1, and audit.k8s.io/v1 audit logs.
 * Detection looks for an Event with its object (involvedObject / regarding),
 * or an audit apiVersion, in a head that starts like JSON or YAML. It must
 * run before 'jsonl', which would otherwise take watch and audit lines as
 * plain JSON lines.
 */
import type { FormatSpec } from '../formatParser';
import { K8sParser } from './k8sParser';

const JSON_EVENT = /"kind"\s*:\s*"Event"/;
const JSON_REF = /"(?:involvedObject|regarding)"\s*:\s*\{/;
const JSON_AUDIT = /"apiVersion"\s*:\s*"audit\.k8s\.io\//;
const YAML_EVENT = /^\s*(?:- )?kind:\s*["']?Event["']?\s*$/m;
const YAML_REF = /^\s*(?:involvedObject|regarding):/m;
const YAML_START = /^(?:---|%YAML|#|apiVersion:|kind:|items:|metadata:|type:|object:|involvedObject:|action:|count:|eventTime:)/;

export function looksLikeK8s(head: string): boolean {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const first = /\S/.exec(text);
  if (!first) return false;
  if (text[first.index] === '{' || text[first.index] === '[') {
    return JSON_AUDIT.test(text) || (JSON_EVENT.test(text) && JSON_REF.test(text));
  }
  const firstLine = text.slice(first.index, text.indexOf('\n', first.index) >>> 0);
  return YAML_START.test(firstLine) && YAML_EVENT.test(text) && YAML_REF.test(text);
}

export const k8sFormat: FormatSpec = {
  id: 'k8s',
  label: 'Kubernetes events / audit log (JSON, YAML)',
  detect: (_name, head) => looksLikeK8s(head),
  create: () => new K8sParser('objects'),
};
