/**
 * Lanes of a service seen on several hosts. A record naming a service (or a
 * syslog app) and the host it ran on is that service's instance, in the
 * host's clock domain. The first host a service is seen on (per execution)
 * keeps the plain name; any other host's instance is the lane `svc@host`, so
 * two machines' `sshd` (or two replicas' `api`) never merge into one program
 * order. Shared by every reader through the execution's builder, so a service
 * gets the same lanes whichever format names it.
 */
import { freshString } from '../base/stringTable';
import type { ExecutionBuilder } from '../model/executionBuilder';

const firstHostOf = new WeakMap<ExecutionBuilder, Map<string, string>>();

/** The lane name of `service` on `host`: the service's own name on its first host, else `service@host`. */
export function serviceLaneName(b: ExecutionBuilder, service: string, host: string): string {
  let hosts = firstHostOf.get(b);
  if (hosts === undefined) firstHostOf.set(b, (hosts = new Map()));
  const first = hosts.get(service);
  if (first === undefined) {
    // Copies: names are often slices of a chunk, which the map would keep alive.
    hosts.set(freshString(service), freshString(host));
    return service;
  }
  return first === host ? service : `${service}@${host}`;
}

/** The process of `service` on `host` (no host: the service's own lane). */
export function serviceLane(b: ExecutionBuilder, service: string, host: string | undefined): number {
  if (host === undefined || host === service) return b.process(service, host);
  return b.process(serviceLaneName(b, service, host), host);
}
