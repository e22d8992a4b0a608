/**
 * Peer names → processes, for fields that name the other end of a message
 * (to, from, peer, a rule's peer field, "sent to B" in the wording).
 *
 * A name is tried, in this order, as: a service name (the `svc` of
 * `svc@host` lanes with the lane `svc` itself, which serviceLanes.ts gives
 * the service's first host: the instances of one service on several hosts);
 * a process name;
 * a host (clock-domain) name, standing for the processes on it; a group or
 * topic, standing for the processes whose names it prefixes at a separator
 * (`billing` → `billing-1`, `billing.0`, `billing_a`, `billing@h1`; never
 * `billingsvc`). Failing all of these exactly, the same steps run on the
 * name lower-cased (host names are case-blind), then on the name stripped of
 * a URL scheme, path and `:port` (`http://billing-1:8080/pay` → `billing-1`).
 *
 * The answer is a reference: 0..P-1 is one process, >= P a set of several
 * (equal sets share one reference), -1 unknown. Unknown names (an address, a
 * process whose log is not loaded) put no constraint on pairing: peers are
 * often written as addresses the logs never use as names, and ignoring one
 * only widens pairing back to what it would be without it.
 */
import type { Execution } from '../model/execution';

export interface PeerResolver {
  /** A peer reference: 0..P-1 one process; >= P a set of processes (group, host of several, service); -1 unknown. */
  resolve(name: string): number;
  /** Whether process p is (one of) the peer(s) `ref` stands for; true for ref -1 (no constraint). */
  accepts(ref: number, p: number): boolean;
  /** The processes a ref stands for (empty for -1). */
  members(ref: number): readonly number[];
  /** A readable name for a ref. */
  nameOf(ref: number): string;
}

/** Characters at which a group or topic name may end inside a process name. */
const SEPARATORS = new Set(['-', '_', '.', '@', ':', '/']);

export function peerResolver(x: Execution): PeerResolver {
  const names = x.processNames;
  const P = names.length;
  const exact = new Map<string, number>();
  names.forEach((name, p) => exact.set(name, p));
  const exactLower = new Map<string, number>();
  names.forEach((name, p) => {
    const l = name.toLowerCase();
    // A lower-cased name two processes share names neither.
    exactLower.set(l, exactLower.has(l) && exactLower.get(l) !== p ? -1 : p);
  });
  const byService = new Map<string, number[]>();
  const byHost = new Map<string, number[]>();
  for (let p = 0; p < P; p++) {
    const at = names[p]!.lastIndexOf('@');
    if (at > 0) push(byService, names[p]!.slice(0, at), p);
    push(byHost, x.domainNames[x.processDomain[p]!]!, p);
  }
  // A service's first instance keeps the plain name (serviceLanes.ts): `api` is then `api` and `api@h2`.
  for (const [service, ps] of byService) {
    const plain = exact.get(service);
    if (plain !== undefined) {
      ps.push(plain);
      ps.sort((a, b) => a - b);
    }
  }
  const byServiceLower = lowerKeys(byService);
  const byHostLower = lowerKeys(byHost);
  // Names in sorted order, so a prefix's processes are found by binary search.
  const sorted = names.map((_, p) => p).sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  const sortedLower = names.map((_, p) => p);
  const lowerNames = names.map((n) => n.toLowerCase());
  sortedLower.sort((a, b) => (lowerNames[a]! < lowerNames[b]! ? -1 : lowerNames[a]! > lowerNames[b]! ? 1 : 0));

  const sets: Int32Array[] = [];
  const setNames: string[] = [];
  const setOfKey = new Map<string, number>();
  const memo = new Map<string, number>();

  const refOf = (members: number[], name: string): number => {
    if (members.length === 1) return members[0]!;
    const sortedMembers = Int32Array.from(members).sort();
    const key = sortedMembers.join(',');
    let ref = setOfKey.get(key);
    if (ref === undefined) {
      ref = P + sets.length;
      setOfKey.set(key, ref);
      sets.push(sortedMembers);
      setNames.push(name);
    }
    return ref;
  };

  const lookup = (name: string, lower: boolean): number => {
    if (name === '') return -1;
    const service = (lower ? byServiceLower : byService).get(name);
    if (service) return refOf(service, name);
    const p = (lower ? exactLower : exact).get(name);
    if (p !== undefined && p >= 0) return p;
    const host = (lower ? byHostLower : byHost).get(name);
    if (host) return refOf(host, name);
    const group = prefixed(lower ? sortedLower : sorted, lower ? lowerNames : names, name);
    return group.length > 0 ? refOf(group, name) : -1;
  };

  const resolve = (name: string): number => {
    let ref = memo.get(name);
    if (ref !== undefined) return ref;
    ref = lookup(name, false);
    if (ref < 0) ref = lookup(name.toLowerCase(), true);
    if (ref < 0) {
      const bare = bareHost(name);
      if (bare !== name && bare !== '') ref = resolve(bare);
    }
    memo.set(name, ref);
    return ref;
  };

  return {
    resolve,
    accepts(ref, p) {
      if (ref < 0) return true;
      if (ref < P) return ref === p;
      return contains(sets[ref - P]!, p);
    },
    members(ref) {
      if (ref < 0) return [];
      if (ref < P) return [ref];
      return Array.from(sets[ref - P]!);
    },
    nameOf(ref) {
      if (ref < 0) return '(unknown)';
      if (ref < P) return names[ref]!;
      return setNames[ref - P]!;
    },
  };
}

function push(m: Map<string, number[]>, k: string, p: number): void {
  const list = m.get(k);
  if (list) list.push(p);
  else m.set(k, [p]);
}

function lowerKeys(m: Map<string, number[]>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [k, ps] of m) for (const p of ps) push(out, k.toLowerCase(), p);
  for (const ps of out.values()) {
    ps.sort((a, b) => a - b);
    for (let i = ps.length - 1; i > 0; i--) if (ps[i] === ps[i - 1]) ps.splice(i, 1);
  }
  return out;
}

/** Processes (indexes into `names`, `order` sorts them) whose name is `prefix` + a separator + more. */
function prefixed(order: number[], names: readonly string[], prefix: string): number[] {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (names[order[mid]!]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < order.length; i++) {
    const n = names[order[i]!]!;
    if (!n.startsWith(prefix)) break;
    if (n.length > prefix.length && SEPARATORS.has(n[prefix.length]!)) out.push(order[i]!);
  }
  return out;
}

/** "http://billing-1:8080/pay" → "billing-1"; "10.0.0.5:443" → "10.0.0.5"; other names as they are. */
function bareHost(name: string): string {
  let s = name;
  const scheme = s.indexOf('://');
  if (scheme > 0) s = s.slice(scheme + 3);
  const slash = s.indexOf('/');
  if (slash > 0 && scheme > 0) s = s.slice(0, slash);
  const at = s.lastIndexOf('@');
  if (scheme > 0 && at >= 0) s = s.slice(at + 1); // user@ of a URL
  const colon = s.lastIndexOf(':');
  if (colon > 0 && /^\d{1,5}$/.test(s.slice(colon + 1)) && s.indexOf(':') === colon) s = s.slice(0, colon);
  return s;
}

function contains(sorted: Int32Array, p: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === p) return true;
    if (v < p) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
