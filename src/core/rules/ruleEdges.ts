/**
 * Edges from user rules with a correlation key (docs/rules.md). For each
 * keyed rule, every event of the built execution — whatever format read it —
 * whose input fits the rule's `inputs` glob and whose fields fill the `key`
 * template is keyed; if it also satisfies `send` or `receive` it becomes an
 * endpoint of the group of its key text. An event satisfying both is taken as
 * a send (said once per rule). The rule's `peer` field names the other
 * process, and an `attempt` field, as in the message-id conventions, pairs
 * retries by attempt. The endpoints go, as typed columns, to the same pairing
 * as the conventions (pairEndpoints.ts): sends pair with receives of the same
 * key on other processes, retries in program order, multicast and joins.
 * Timestamps are never looked at. Each edge is named `rule:<name>` and
 * carries the filled key.
 *
 * Counts per rule (events keyed, sends, receives, edges) are summed over the
 * executions of one analysis; then a keyed rule that made no edge gets one
 * warning saying why, and the counts become the per-rule stats the rules
 * editor shows.
 */
import { MessageRole, ATTEMPT_FIELD, isPlaceholderId } from '../correlate/messageConventions';
import { pairEndpoints, type Endpoints } from '../correlate/pairEndpoints';
import { peerResolver, type PeerResolver } from '../correlate/peerProcess';
import type { EdgeSpec } from '../correlate/withEdges';
import type { MessageEndsBuilder } from '../correlate/messageEnds';
import type { DiagnosticSink } from '../model/diagnostic';
import { fieldValue, sourceOf, type Execution, textOf } from '../model/execution';
import { fillTemplate, predicateHolds, type CompiledRule, type CompiledRules } from './ruleSet';

/** What one rule did, in one execution or summed over several. */
export interface RuleEdgeCounts {
  /** Events that filled the key template. */
  keyed: number;
  sends: number;
  receives: number;
  /** Keyed events matched by both send and receive (taken as sends). */
  both: number;
  /** "input:line" of the first such event, for the message. */
  firstBoth: string;
  /** Keys with a send on one process and a receive on another. */
  crossing: number;
  edges: number;
}

/** Per-rule live counts, as the rules editor shows them. */
export interface RuleStat {
  /** The rule's index in the rules file. */
  rule: number;
  name: string;
  /** Lines its pattern turned into events. */
  lines: number;
  /** Events whose fields filled its key. */
  keyed: number;
  edges: number;
}

export function emptyRuleEdgeCounts(): RuleEdgeCounts {
  return { keyed: 0, sends: 0, receives: 0, both: 0, firstBoth: '', crossing: 0, edges: 0 };
}

/** Adds `more` into `into`, both aligned with the compiled rules. */
export function addRuleEdgeCounts(into: RuleEdgeCounts[], more: RuleEdgeCounts[]): void {
  more.forEach((m, i) => {
    const t = into[i]!;
    t.keyed += m.keyed;
    t.sends += m.sends;
    t.receives += m.receives;
    if (!t.firstBoth) t.firstBoth = m.firstBoth;
    t.both += m.both;
    t.crossing += m.crossing;
    t.edges += m.edges;
  });
}

/**
 * Edges of every keyed rule, in rule order, and counts aligned with rules.rules.
 * `collect`, when given, receives each rule's endpoints as paired (messageEnds.ts).
 */
export function ruleEdges(
  x: Execution,
  rules: CompiledRules,
  diagnostics: DiagnosticSink,
  collect?: MessageEndsBuilder,
): { edges: EdgeSpec[]; counts: RuleEdgeCounts[] } {
  const edges: EdgeSpec[] = [];
  const counts = rules.rules.map(() => emptyRuleEdgeCounts());
  const peers = peerResolver(x);
  rules.rules.forEach((rule, i) => {
    if (rule.spec.key === undefined) return;
    const found = keyedEndpoints(x, rule, peers, counts[i]!);
    const paired = pairEndpoints(x, found, () => `rule:${rule.name}`, diagnostics);
    const made = paired.edges;
    counts[i]!.edges = made.length;
    for (const e of made) edges.push(e);
    collect?.add(found, paired.role, made);
  });
  return { edges, counts };
}

function keyedEndpoints(x: Execution, rule: CompiledRule, peers: PeerResolver, c: RuleEdgeCounts): Endpoints {
  const n = x.eventCount;
  const group = new Int32Array(n).fill(-1);
  const role = new Uint8Array(n);
  const none = new Int32Array(n).fill(-1);
  const peerProc = new Int32Array(n).fill(-1);
  const attempt = new Int32Array(n).fill(-1);
  const keys: string[] = [];
  const groupOfKey = new Map<string, number>();
  // Per group: the one process its sends (receives) are on, -1 none yet, -2 several.
  const sendProc: number[] = [];
  const recvProc: number[] = [];

  const inputFits = x.inputs.map((name) => !rule.inputs || rule.inputs.test(name));
  const keyIds = new Map<string, number>();
  let cur = 0;
  /** keyText's named groups on the current event's text (null: none matched or no keyText). */
  let textGroups: Record<string, string | undefined> | null = null;
  const get = (name: string) => {
    let k = keyIds.get(name);
    if (k === undefined) keyIds.set(name, (k = x.strings.find(name)));
    return fieldValue(x, cur, k) ?? textGroups?.[name];
  };
  const keyField = (name: string) => {
    const v = get(name);
    return v === undefined || isPlaceholderId(v) ? undefined : v;
  };
  const peerIds = new Map<string, number>();
  const peerNames = new Map<number, string>();
  const attemptKey = x.strings.find(ATTEMPT_FIELD);
  const { key: template, peer } = rule.spec;

  for (let e = 0; e < n; e++) {
    if (!inputFits[x.eventInput[e]!]) continue;
    cur = e;
    let text: string | null = null;
    if (rule.keyText) {
      text = textOf(x, e);
      textGroups = rule.keyText.exec(text)?.groups ?? null;
    }
    // A "-" or "null" id means no id: it must not join unrelated events.
    const key = fillTemplate(template!, keyField);
    if (key === null) continue;
    c.keyed++;
    text ??= textOf(x, e);
    const procName = x.processNames[x.eventProc[e]!]!;
    const isSend = rule.send !== undefined && predicateHolds(rule.send, text, get, procName);
    const isRecv = rule.receive !== undefined && predicateHolds(rule.receive, text, get, procName);
    if (!isSend && !isRecv) continue;
    if (isSend && isRecv && c.both++ === 0) c.firstBoth = sourceOf(x, e);
    let g = groupOfKey.get(key);
    if (g === undefined) {
      g = keys.length;
      groupOfKey.set(key, g);
      keys.push(key);
      sendProc.push(-1);
      recvProc.push(-1);
    }
    group[e] = g;
    const p = x.eventProc[e]!;
    const procs = isSend ? sendProc : recvProc;
    procs[g] = procs[g] === -1 || procs[g] === p ? p : -2;
    if (isSend) c.sends++;
    else c.receives++;
    role[e] = isSend ? MessageRole.Send : MessageRole.Receive;
    const peerName = peer === undefined ? undefined : get(peer);
    if (peerName !== undefined) {
      let q = peerIds.get(peerName);
      if (q === undefined) peerIds.set(peerName, (q = peers.resolve(peerName)));
      peerProc[e] = q;
      peerNames.set(e, peerName);
    }
    if (attemptKey >= 0) {
      for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) if (x.fieldKey[i] === attemptKey) attempt[e] = x.fieldValue[i]!;
    }
  }
  for (let g = 0; g < keys.length; g++) {
    const s = sendProc[g]!;
    const r = recvProc[g]!;
    if (s !== -1 && r !== -1 && !(s >= 0 && s === r)) c.crossing++;
  }
  return {
    group,
    groupCount: keys.length,
    role,
    toProc: none,
    fromProc: none,
    peerProc,
    attempt,
    keyOf: (g) => keys[g]!,
    accepts: peers.accepts,
    members: peers.members,
    peerName: (e) => peerNames.get(e) ?? null,
  };
}

/** Once per analysis: why a keyed rule made no edge, and events it saw as both send and receive. */
export function reportRuleEdges(rules: CompiledRules, totals: RuleEdgeCounts[], diagnostics: DiagnosticSink): void {
  rules.rules.forEach((rule, i) => {
    const c = totals[i]!;
    if (rule.spec.key === undefined) return;
    const say = (message: string) => diagnostics.add('rules', 0, 'warning', `rule "${rule.name}": ${message}`);
    if (c.both > 0)
      say(`${c.both} events matched both "send" and "receive" (first at ${c.firstBoth}); they were taken as sends`);
    if (c.edges > 0) return;
    say(`made no edge: ${whyNoEdge(rule, c)}`);
  });
}

function whyNoEdge(rule: CompiledRule, c: RuleEdgeCounts): string {
  const key = rule.spec.key!;
  if (c.keyed === 0) return `no event has all the fields its key "${key}" needs${rule.spec.inputs ? ` in inputs matching "${rule.spec.inputs}"` : ''}`;
  if (c.sends === 0 && c.receives === 0) return `${c.keyed} events filled its key, but none matched "send" or "receive"`;
  if (c.sends === 0) return rule.send ? `${c.keyed} events filled its key, but none matched "send"` : `it has no "send", so there are no sends to pair`;
  if (c.receives === 0)
    return rule.receive ? `${c.keyed} events filled its key, but none matched "receive"` : `it has no "receive", so there are no receives to pair`;
  if (c.crossing === 0) return `its ${c.sends} sends and ${c.receives} receives share keys only on the same process`;
  const by = rule.spec.peer ? `their "${rule.spec.peer}" peers or attempts` : 'their attempts';
  return `its sends and receives share keys across processes, but ${by} rule out every pair (or a key spans too many processes)`;
}

/** The stats of every usable rule; lines from the rules format's per-rule match counts. */
export function ruleStatsOf(rules: CompiledRules, totals: RuleEdgeCounts[], lines: ReadonlyMap<number, number> | undefined): RuleStat[] {
  return rules.rules.map((r, i) => ({ rule: r.index, name: r.name, lines: lines?.get(r.index) ?? 0, keyed: totals[i]!.keyed, edges: totals[i]!.edges }));
}
