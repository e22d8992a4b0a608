/**
 * A support-bundle-like archive for the browser tests, written here: two
 * JSON-lines services that exchange a request by msg_id, a GoVector
 * `*-Log.txt` pair, and a Kubernetes EventList at the path a support bundle
 * keeps it (cluster-resources/events/default.json) with a create → schedule
 * → kubelet chain. The same members go into a .tar.gz and a .zip.
 */
import { gzipSync, strToU8, zipSync } from 'fflate';
import { tar } from '../../unit/tarWriter';

const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function k8sEvent(name: string, reason: string, message: string, component: string, obj: { kind: string; name: string }, at: string, host?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: at },
    involvedObject: { kind: obj.kind, namespace: 'default', name: obj.name, uid: `uid-${obj.name}` },
    reason,
    message,
    source: { component, ...(host && { host }) },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: 'Normal',
  };
}

export const BUNDLE_MEMBERS: Record<string, string> = {
  'logs/api.jsonl': jsonl([
    { ts: '2026-03-14T09:26:53.100Z', service: 'api', host: 'api-1', msg: 'request received' },
    { ts: '2026-03-14T09:26:53.110Z', service: 'api', host: 'api-1', msg: 'query db', msg_id: 'q-7', dir: 'send', to: 'db' },
    { ts: '2026-03-14T09:26:53.150Z', service: 'api', host: 'api-1', msg: 'query answered', msg_id: 'q-7-ok', dir: 'recv', from: 'db' },
  ]),
  'logs/db.jsonl': jsonl([
    { ts: '2026-03-14T09:26:53.120Z', service: 'db', host: 'db-1', msg: 'query', msg_id: 'q-7', dir: 'recv', from: 'api' },
    { ts: '2026-03-14T09:26:53.130Z', service: 'db', host: 'db-1', msg: 'answer', msg_id: 'q-7-ok', dir: 'send', to: 'api' },
  ]),
  'govector/alice-Log.txt': 'alice {"alice":1}\nsending ping\nalice {"alice":2}\nwaiting\n',
  'govector/bob-Log.txt': 'bob {"alice":1, "bob":1}\nreceived ping\n',
  'cluster-resources/events/default.json': JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'EventList',
      items: [
        k8sEvent('web-5d8f7.17f0000000000001', 'SuccessfulCreate', 'Created pod: web-5d8f7-abcde', 'replicaset-controller', { kind: 'ReplicaSet', name: 'web-5d8f7' }, '2026-03-14T09:30:00Z'),
        k8sEvent('web-5d8f7-abcde.17f0000000000002', 'Scheduled', 'Successfully assigned default/web-5d8f7-abcde to node-a', 'default-scheduler', { kind: 'Pod', name: 'web-5d8f7-abcde' }, '2026-03-14T09:30:01Z'),
        k8sEvent('web-5d8f7-abcde.17f0000000000003', 'Pulling', 'Pulling image "nginx:1.27"', 'kubelet', { kind: 'Pod', name: 'web-5d8f7-abcde' }, '2026-03-14T09:30:02Z', 'node-a'),
      ],
    },
    null,
    2,
  ),
};

export function bundleTarGz(): Uint8Array {
  return gzipSync(tar(Object.entries(BUNDLE_MEMBERS).map(([name, data]) => ({ name: `bundle/${name}`, data }))));
}

export function bundleZip(): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(BUNDLE_MEMBERS).map(([name, data]) => [`bundle/${name}`, strToU8(data)])));
}
