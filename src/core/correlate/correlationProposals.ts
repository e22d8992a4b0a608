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
 * processes are looked at: an id on one process only is not counted. Nor is a
 * pair proposed where an opening line names another id of the kind before the
 * group's: the rule's keyText (the first id of the kind) would key it wrongly.
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
  const services = new Array<{ service: string; glob: string } | undefined>(x.processNames.length);
  // Sides: (id kind, service, opening template) interned once, so the tallies below are keyed by
  // numbers, not by long strings, and a group's repeats are found by a stamp instead of a set.
  const sideIds = new Map<string, number>();
  const sides: Side[] = [];
  const sideSource: (string | number)[] = [];
  const sideOpens: number[] = [];
  const sideStamp: number[] = [];
  /** 1: in some group, the rule's keyText would read another id than the group's from this opening. */
  const sideMisread: number[] = [];
  const userSources = patterns.map((p) => p.source);
  const keyReaders = new Map<number, { re: RegExp; name: string }>();
  const edgeBetween = edgePairs(x);
  interface Tally {
    a: number;
    b: number;
    groups: number;
    examples: string[];
    forward: number;
    backward: number;
    joined: number;
    stamp: number;
  }
  const pairs = new Map<number, Tally>();
  const here: number[] = [];
  const hereEvent: number[] = [];
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    here.length = 0;
    hereEvent.length = 0;
    let last = -1;
    // Each process's first event of the group: events are ascending and a process's are contiguous.
    for (const e of g.events) {
      const p = x.eventProc[e]!;
      if (p === last) continue;
      last = p;
      const sv = (services[p] ??= serviceOf(x.processNames[p]!));
      const text = textOf(x, e);
      const template = maskTemplate(text, patterns);
      const key = `${typeof g.source}\u0000${g.source}\u0000${sv.service}\u0000${template}`;
      let id = sideIds.get(key);
      if (id === undefined) {
        sideIds.set(key, (id = sides.length));
        sides.push({ service: sv.service, glob: sv.glob, template, event: e });
        sideSource.push(g.source);
        sideOpens.push(0);
        sideStamp.push(-1);
        sideMisread.push(0);
      }
      if (typeof g.source === 'number' && sideMisread[id] === 0 && !keyTextReads(g.source, text, g.key)) sideMisread[id] = 1;
      if (sideStamp[id] !== gi) {
        sideStamp[id] = gi;
        sideOpens[id]!++;
      }
      here.push(id);
      hereEvent.push(e);
      if (here.length === MAX_PROCESSES) break;
    }
    for (let i = 0; i < here.length; i++) {
      for (let j = i + 1; j < here.length; j++) {
        if (here[i] === here[j]) continue;
        // One tally per unordered pair of sides, by side number.
        const [a, b, ea, eb] = here[i]! < here[j]! ? [here[i]!, here[j]!, hereEvent[i]!, hereEvent[j]!] : [here[j]!, here[i]!, hereEvent[j]!, hereEvent[i]!];
        const key = a * 2 ** 26 + b;
        let t = pairs.get(key);
        if (!t) pairs.set(key, (t = { a, b, groups: 0, examples: [], forward: 0, backward: 0, joined: 0, stamp: -1 }));
        if (t.stamp === gi) continue;
        t.stamp = gi;
        t.groups++;
        if (t.examples.length < 3) t.examples.push(g.key);
        if (clocks.vc.happenedBefore(ea, eb)) t.forward++;
        else if (clocks.vc.happenedBefore(eb, ea)) t.backward++;
        if (edgeBetween.has(ea * x.eventCount + eb) || edgeBetween.has(eb * x.eventCount + ea)) t.joined++;
      }
    }
  }
  const out: CorrelationProposal[] = [];
  for (const t of pairs.values()) {
    if (t.groups < MIN_GROUPS || t.joined === t.groups) continue;
    // Consistent: every group either opening opens has the other too. Else the rule would make
    // sends with no receive (or receives with no send), each a false lost-message finding.
    if (sideOpens[t.a] !== t.groups || sideOpens[t.b] !== t.groups) continue;
    // A line with two ids of the kind, the group's not the first: the rule would key it by the other.
    if (sideMisread[t.a] || sideMisread[t.b]) continue;
    if (t.forward > 0 && t.backward > 0) continue;
    const a = sides[t.a]!;
    const b = sides[t.b]!;
    // Ordered by happened-before where edges order them, else services (then templates) in name order.
    const aFirst = t.forward > 0 || (t.backward === 0 && (cmp(a.service, b.service) || cmp(a.template, b.template)) < 0);
    const [from, to] = aFirst ? [a, b] : [b, a];
    const direction = t.forward > 0 || t.backward > 0 ? 'happened-before' : 'unknown';
    const source = sideSource[t.a]!;
    out.push({
      source,
      from: { service: from.service, process: from.glob, template: from.template },
      to: { service: to.service, process: to.glob, template: to.template },
      groups: t.groups,
      examples: t.examples,
      direction,
      rule: ruleFor(from, to, source, userSources, direction),
    });
  }
  return finish(out);

  /** Whether the rule's keyText, on this text, reads `key` (the scanner lower-cases hex ids). */
  function keyTextReads(kind: number, text: string, key: string): boolean {
    let r = keyReaders.get(kind);
    if (!r) {
      const k = keyTextFor(kind, userSources);
      keyReaders.set(kind, (r = { re: new RegExp(k.keyText), name: k.key.slice(2, -1) }));
    }
    const v = r.re.exec(text)?.groups?.[r.name];
    return v !== undefined && (kind === TokenKind.Block || kind >= TokenKind.User ? v : v.toLowerCase()) === key;
  }
}

function finish(out: CorrelationProposal[]): CorrelationProposal[] {
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

/** Edges as from × eventCount + to (below 2^53 for any execution that fits in memory). */
function edgePairs(x: Execution): Set<number> {
  const s = new Set<number>();
  for (let k = 0; k < x.edgeCount; k++) s.add(x.edgeFrom[k]! * x.eventCount + x.edgeTo[k]!);
  return s;
}
