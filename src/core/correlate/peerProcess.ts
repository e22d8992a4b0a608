/**
 * Peer names → process index, for fields that name the other end of a
 * message (to, from, peer, a rule's peer field): a process name, else a
 * clock-domain (host) name that only one process has. Anything else (an
 * address, a process whose log is not loaded) is -1, no constraint: peers are
 * often written as addresses the logs never use as names, and ignoring one
 * only widens pairing back to what it would be without it.
 */
import type { Execution } from '../model/execution';

export function peerResolver(x: Execution): (name: string) => number {
  const byName = new Map<string, number>();
  x.processNames.forEach((name, p) => byName.set(name, p));
  const byDomain = new Map<string, number>();
  for (let p = 0; p < x.processNames.length; p++) {
    const d = x.domainNames[x.processDomain[p]!]!;
    byDomain.set(d, byDomain.has(d) ? -1 : p);
  }
  return (name) => byName.get(name) ?? byDomain.get(name) ?? -1;
}
