/**
 * The correlations of one execution as the page lists them: searched by key,
 * kind or process name, most processes first, then most events, then key (the
 * order is made once per execution: correlationOrder), at most MAX_LISTED at a
 * time, each with a few event ids to read; a group's events are fetched whole
 * when it is selected. Proposed rules come with their JSON, ready for the
 * rules editor.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { proposeCorrelationRules, type CorrelationProposal } from '../correlate/correlationProposals';
import { BUILTIN_LABELS, TokenKind } from '../correlate/correlationTokens';
import { cmp } from '../model/executionBuilder';
import { eventId } from '../model/execution';

export const MAX_LISTED = 200;
const EVENT_IDS = 6;

export interface CorrelationItem {
  /** Index in the execution's correlations (as in the JSON export). */
  index: number;
  key: string;
  /** What kind of id: a field's name, or a shape (request id, block id, uuid, trace id, pattern). */
  kind: string;
  processes: string[];
  eventCount: number;
  /** The first few event ids, for the reader. */
  eventIds: string[];
}

export interface CorrelationList {
  /** Groups in the execution. */
  total: number;
  /** Groups the query matched. */
  matching: number;
  items: CorrelationItem[];
}

export interface ProposalItem extends CorrelationProposal {
  /** What kind of id keys it, as the list says (kindOf). */
  kind: string;
  /** The rule as it goes into a rules file's "rules" array. */
  ruleJson: string;
}

export function kindOf(source: string | number): string {
  return typeof source === 'string' ? source : source >= TokenKind.User ? 'pattern' : BUILTIN_LABELS[source]!;
}

/** Indices of the groups, most processes first, then most events, then by key. */
export function correlationOrder(r: ExecutionResult): Uint32Array {
  const groups = r.correlations ?? [];
  const order = Array.from(groups.keys());
  order.sort((i, j) => {
    const a = groups[i]!;
    const b = groups[j]!;
    return b.processes.length - a.processes.length || b.events.length - a.events.length || cmp(a.key, b.key) || i - j;
  });
  return Uint32Array.from(order);
}

/** Groups whose key, kind or a process name contains every word of the query (any case), in `order`. */
export function listCorrelations(r: ExecutionResult, query: string, order = correlationOrder(r)): CorrelationList {
  const x = r.execution;
  const groups = r.correlations ?? [];
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  // Lower-cased once: process names per process, kinds per source; nothing made per group that does not match.
  const procLower = words.length > 0 ? x.processNames.map((n) => n.toLowerCase()) : [];
  const kinds = new Map<string | number, string>();
  const kindOfGroup = (source: string | number) => {
    let k = kinds.get(source);
    if (k === undefined) kinds.set(source, (k = kindOf(source)));
    return k;
  };
  const items: CorrelationItem[] = [];
  let matching = 0;
  for (const index of order) {
    const g = groups[index]!;
    if (words.length > 0) {
      const key = g.key.toLowerCase();
      const kind = kindOfGroup(g.source).toLowerCase();
      const fits = (w: string) => key.includes(w) || kind.includes(w) || g.processes.some((p) => procLower[p]!.includes(w));
      if (!words.every(fits)) continue;
    }
    matching++;
    if (items.length < MAX_LISTED) {
      const processes = g.processes.map((p) => x.processNames[p]!);
      items.push({ index, key: g.key, kind: kindOfGroup(g.source), processes, eventCount: g.events.length, eventIds: g.events.slice(0, EVENT_IDS).map((e) => eventId(x, e)) });
    }
  }
  return { total: groups.length, matching, items };
}

/** The group's events, ascending; a fresh array, so the worker can transfer it. */
export function correlationEvents(r: ExecutionResult, index: number): Uint32Array {
  const g = r.correlations?.[index];
  return g ? Uint32Array.from(g.events) : new Uint32Array(0);
}

export function correlationProposals(r: ExecutionResult, correlationPatterns?: string[]): ProposalItem[] {
  return proposeCorrelationRules(r.execution, r.correlations ?? [], r.clocks, correlationPatterns).map((p) => ({ ...p, kind: kindOf(p.source), ruleJson: JSON.stringify(p.rule, null, 2) }));
}
