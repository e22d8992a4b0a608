/**
 * OpenStack-like logs of three services that share request ids and instance
 * uuids but say nothing of direction (no "sent … to", no msg ids): nova-api
 * takes `POST /servers`, nova-conductor schedules the instance, nova-compute
 * starts it, and nova-api answers a `GET` of it. Every `failEvery`-th request
 * finds no host at the conductor and never reaches nova-compute (a group on
 * two processes). The tenant id is on every line (too common to correlate),
 * nova-compute's periodic task has an id of its own (one process only), and
 * the first request's id is mentioned once more by an unrelated nova-api line
 * after it was answered. nova-compute's clock runs `computeSkewMs` behind, so
 * its lines are stamped before the requests that caused them. Deterministic.
 */
export interface OpenstackLogOptions {
  requests: number;
  /** Every this-many-th request (1-based) fails at the conductor; 0: none. */
  failEvery?: number;
  computeSkewMs?: number;
}

export const TENANT = '54fadb412c4e40cdbaed9335e4c35a9e';
export const PERIODIC_REQ = 'req-addc1839-2ed5-4778-b57e-5854eb7b8b09';

const hex = (i: number, n: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4).slice(0, n);

export function uuidOf(i: number): string {
  const h = hex(i + 1, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const requestIdOf = (i: number) => `req-${uuidOf(100 + i)}`;
export const instanceOf = (i: number) => uuidOf(500 + i);
export const failed = (i: number, o: OpenstackLogOptions) => (o.failEvery ?? 0) > 0 && (i + 1) % o.failEvery! === 0;

export function openstackLogs(o: OpenstackLogOptions): { name: string; text: string }[] {
  const t0 = Date.UTC(2017, 4, 16, 0, 0, 0);
  const skew = o.computeSkewMs ?? 1500;
  const stamp = (ms: number) => new Date(t0 + ms).toISOString().replace('T', ' ').replace('Z', '');
  const api: string[] = [];
  const conductor: string[] = [];
  const compute: string[] = [];
  const ctx = (req: string) => `[${req} admin ${TENANT} - - -]`;
  for (let i = 0; i < o.requests; i++) {
    const at = i * 2000;
    const req = requestIdOf(i);
    const inst = instanceOf(i);
    api.push(`${stamp(at)} 25746 INFO nova.osapi_compute.wsgi.server ${ctx(req)} 10.11.10.1 "POST /v2/${TENANT}/servers HTTP/1.1" status: 202 len: 733 time: 0.5${i % 10}`);
    if (failed(i, o)) {
      conductor.push(`${stamp(at + 100)} 3012 WARNING nova.scheduler.utils ${ctx(req)} [instance: ${inst}] No valid host was found. There are not enough hosts available.`);
    } else {
      conductor.push(`${stamp(at + 100)} 3012 INFO nova.conductor.manager ${ctx(req)} [instance: ${inst}] Scheduling instance`);
      compute.push(`${stamp(at + 300 - skew)} 2931 INFO nova.compute.manager ${ctx(req)} [instance: ${inst}] Starting instance...`);
      compute.push(`${stamp(at + 900 - skew)} 2931 INFO nova.virt.libvirt.driver ${ctx(req)} [instance: ${inst}] Instance spawned successfully.`);
    }
    api.push(`${stamp(at + 1200)} 25746 INFO nova.osapi_compute.wsgi.server ${ctx(req)} 10.11.10.1 "GET /v2/${TENANT}/servers/${inst} HTTP/1.1" status: 200 len: 1893 time: 0.19`);
    if (i === 0) api.push(`${stamp(at + 1300)} 25746 INFO nova.api.openstack.requestlog [-] audit trail kept for ${req}`);
  }
  compute.push(`${stamp(o.requests * 2000)} 2931 INFO nova.compute.resource_tracker [${PERIODIC_REQ} - - - - -] Final resource view: ${TENANT}`);
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  return [
    { name: 'nova-api.log', text: text(api) },
    { name: 'nova-compute.log', text: text(compute) },
    { name: 'nova-conductor.log', text: text(conductor) },
  ];
}
