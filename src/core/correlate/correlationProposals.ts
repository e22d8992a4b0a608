/**
 * Edge rules proposed from correlation groups. Where a group opens on one
 * service with one wording and on another service with another (each
 * process's first event of the group, in its own program order, as a
 * template: correlationTokens.maskTemplate), and every group of ids of that
 * kind that either opening opens has the other one too, in at least
 * MIN_GROUPS groups, the pair is proposed as a keyed rule (docs/rules.md):
 * sends are the first wording on the first service, receives the second on
 * the other, keyed by the shared id. An opening that some ids have without
 * the other is no rule: its sends would have no receive (or its receives no
 * send), each then a false lost-message finding. Only ids on two or more
 * processes are looked at: an id on one process only is not counted.
 *
 * Nothing is read from timestamps. Which side sends is taken from
 * happened-before where edges already order the two openings (every group
 * where they are ordered must agree, else nothing is proposed); where nothing
 * orders them it is not known, said so, and the services go in name order.
 * A pair that existing edges already join in every group is not proposed.
 * Services are process names without an `@host` or a trailing number, so
 * `datanode-1` and `datanode-2` are one service (`datanode-*`).
 */
import type { Clocks } from '../clocks/clockEngine';
import { cmp } from '../model/executionBuilder';
import { textOf, type Execution } from '../model/execution';
import type { RuleSpec } from '../rules/ruleSet';
import type { Correlation } from './correlationGroups';
import { BUILTIN_LABELS, compileCorrelationPatterns, keyTextFor, maskTemplate, templateRegex, TokenKind } from './correlationTokens';

/** Groups a template pair must open before it is proposed. */
export const MIN_GROUPS = 2;
/** Processes of one group looked at (a group on hundreds of processes is paired on its first ones). */
const MAX_PROCESSES = 16;
export const MAX_PROPOSALS = 50;

export interface ProposalSide {
  service: string;
  /** Glob on process names, as the rule's predicate writes it. */
  process: string;
  template: string;
}

export interface CorrelationProposal {
  /** The ids' field key, or their token kind (correlationTokens.ts TokenKind). */
  source: string | number;
  from: ProposalSide;
  to: ProposalSide;
  /** Groups opened this way. */
  groups: number;
  /** Up to three of their keys. */
  examples: string[];
  /** How the direction was chosen. */
  direction: 'happened-before' | 'unknown';
  /** The rule, ready for the rules file. */
  rule: RuleSpec;
}

interface Side {
  service: string;
  glob: string;
  template: string;
  event: number;
}

export function proposeCorrelationRules(x: Execution, groups: readonly Correlation[], clocks: Clocks, correlationPatterns?: string[]): CorrelationProposal[] {
  const { patterns } = compileCorrelationPatterns(correlationPatterns);
  const templateOf = new Map<number, string>();
  const template = (e: number) => {
    let t = templateOf.get(e);
    if (t === undefined) templateOf.set(e, (t = maskTemplate(textOf(x, e), patterns)));
    return t;
  };
  const edgeBetween = edgePairs(x);
  interface Tally {
    a: Side;
    b: Side;
    source: string | number;
    groups: number;
    examples: string[];
    forward: number;
    backward: number;
    joined: number;
  }
  const pairs = new Map<string, Tally>();
  /** Per (id kind, service, template): groups that service opens that way. */
  const opens = new Map<string, number>();
  for (const g of groups) {
    const sides: Side[] = [];
    const seen = new Set<number>();
    for (const e of g.events) {
      const p = x.eventProc[e]!;
      if (seen.has(p)) continue;
      seen.add(p);
      const { service, glob } = serviceOf(x.processNames[p]!);
      sides.push({ service, glob, template: template(e), event: e });
      if (sides.length === MAX_PROCESSES) break;
    }
    const keysHere = new Set<string>();
    for (let i = 0; i < sides.length; i++) {
      for (let j = 0; j < sides.length; j++) {
        if (i === j) continue;
        const a = sides[i]!;
        const b = sides[j]!;
        if (a.service === b.service && a.template === b.template) continue;
        // One tally per unordered pair, in name order.
        if (cmp(a.service, b.service) > 0 || (a.service === b.service && cmp(a.template, b.template) > 0)) continue;
        const key = `${g.source}\u0000${a.service}\u0000${a.template}\u0000${b.service}\u0000${b.template}`;
        if (keysHere.has(key)) continue;
        keysHere.add(key);
        let t = pairs.get(key);
        if (!t) pairs.set(key, (t = { a, b, source: g.source, groups: 0, examples: [], forward: 0, backward: 0, joined: 0 }));
        t.groups++;
        if (t.examples.length < 3) t.examples.push(g.key);
        if (clocks.vc.happenedBefore(a.event, b.event)) t.forward++;
        else if (clocks.vc.happenedBefore(b.event, a.event)) t.backward++;
        if (edgeBetween.has(pairKey(a.event, b.event)) || edgeBetween.has(pairKey(b.event, a.event))) t.joined++;
      }
    }
    const opensHere = new Set(sides.map((a) => `${g.source}\u0000${a.service}\u0000${a.template}`));
    for (const o of opensHere) opens.set(o, (opens.get(o) ?? 0) + 1);
  }
  const out: CorrelationProposal[] = [];
  for (const t of pairs.values()) {
    if (t.groups < MIN_GROUPS || t.joined === t.groups) continue;
    // Consistent: every group either opening opens has the other too. Else the rule would make
    // sends with no receive (or receives with no send), each a false lost-message finding.
    const ab = opens.get(`${t.source}\u0000${t.a.service}\u0000${t.a.template}`)!;
    const ba = opens.get(`${t.source}\u0000${t.b.service}\u0000${t.b.template}`)!;
    if (ab !== t.groups || ba !== t.groups) continue;
    if (t.forward > 0 && t.backward > 0) continue;
    const [from, to] = t.backward > 0 ? [t.b, t.a] : [t.a, t.b];
    const direction = t.forward > 0 || t.backward > 0 ? 'happened-before' : 'unknown';
    out.push({
      source: t.source,
      from: { service: from.service, process: from.glob, template: from.template },
      to: { service: to.service, process: to.glob, template: to.template },
      groups: t.groups,
      examples: t.examples,
      direction,
      rule: ruleFor(from, to, t.source, patterns.map((p) => p.source), direction),
    });
  }
  out.sort((p, q) => q.groups - p.groups || sourceRank(p) - sourceRank(q) || cmp(p.from.service, q.from.service) || cmp(p.to.service, q.to.service) || cmp(p.from.template, q.from.template) || cmp(p.to.template, q.to.template));
  return out.slice(0, MAX_PROPOSALS);
}

/** `nova-compute@host-1` → nova-compute; `datanode-2` → datanode (glob `datanode-*`). */
export function serviceOf(process: string): { service: string; glob: string } {
  const at = process.indexOf('@');
  const base = at > 0 ? process.slice(0, at) : process;
  const m = /^(.*?[A-Za-z])[-_.]?\d+$/.exec(base);
  if (m) return { service: m[1]!, glob: `${base.replace(/\d+$/, '')}*` };
  return { service: base, glob: at > 0 ? `${base}@*` : base };
}

function ruleFor(from: Side, to: Side, source: string | number, userSources: string[], direction: string): RuleSpec {
  const label = typeof source === 'string' ? source : source >= TokenKind.User ? 'id' : BUILTIN_LABELS[source]!;
  const name = `${from.service} → ${to.service} by ${label}${direction === 'unknown' ? ' (direction not shown by the logs: swap send and receive if needed)' : ''}`;
  const keyed: Pick<RuleSpec, 'keyText' | 'key'> =
    typeof source === 'string' ? { key: `\${${source}}` } : keyTextFor(source, userSources);
  return {
    name,
    ...keyed,
    send: { process: from.glob, text: templateRegex(from.template) },
    receive: { process: to.glob, text: templateRegex(to.template) },
  };
}

/** Named id fields first, then the token kinds in their order (request ids before plain uuids). */
function sourceRank(p: CorrelationProposal): number {
  return typeof p.source === 'string' ? -1 : p.source;
}

function pairKey(a: number, b: number): string {
  return `${a},${b}`;
}

function edgePairs(x: Execution): Set<string> {
  const s = new Set<string>();
  for (let k = 0; k < x.edgeCount; k++) s.add(pairKey(x.edgeFrom[k]!, x.edgeTo[k]!));
  return s;
}
