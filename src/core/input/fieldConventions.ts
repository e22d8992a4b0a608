/**
 * The well-known field names that structured log lines (JSON lines, logfmt,
 * CSV exports) use for an event's time, process, host and text, and how a
 * record's process and clock domain follow from them. Shared by every
 * key/value format so that they read the same names the same way.
 *
 * A service, app, component, container or pod name is the process and a
 * host/node beside it is its clock domain, since processes on one machine read
 * the same clock; two hosts running one service are two lanes, `svc` and
 * `svc@host` (serviceLanes.ts). Without a
 * process field the file name (without extension) names the process, which is
 * how per-process log files are usually named.
 */

export const TIME_KEYS = ['ts', 'time', 'timestamp', '@timestamp', 't'] as const;
/** Fields that name a service (or an instance of one): before any host field, which is then its clock domain. */
export const SERVICE_KEYS = [
  'service', 'service.name', 'service_name', 'svc', 'app', 'application', 'app_name',
  'component', 'container', 'container_name', 'pod', 'pod_name', 'process',
] as const;
/** Fields that name a machine: the process when no service field is there, else the service's clock domain. */
export const HOST_KEYS = ['host', 'hostname', 'host.name', 'node', 'instance'] as const;
export const PROCESS_KEYS = [...SERVICE_KEYS, ...HOST_KEYS] as const;
export const MESSAGE_KEYS = ['msg', 'message', 'event', 'log'] as const;

export interface ProcessPick {
  /** The field that named the process, or '' when the fallback was used. */
  key: string;
  name: string;
  /** The clock domain when a host field other than the process field names one. */
  domain: string | undefined;
}

/**
 * The process of a record. `scalar(k)` is the record's non-empty text value
 * of field k, or undefined.
 */
export function pickProcess(
  scalar: (key: string) => string | undefined,
  fallback: string,
  processKeys: readonly string[] = PROCESS_KEYS,
  hostKeys: readonly string[] = HOST_KEYS,
): ProcessPick {
  let key = '';
  let name = fallback;
  for (const k of processKeys) {
    const v = scalar(k);
    if (v !== undefined && v !== '') {
      key = k;
      name = v;
      break;
    }
  }
  let domain: string | undefined;
  if (key && !hostKeys.includes(key)) {
    for (const k of hostKeys) {
      const host = scalar(k);
      if (host !== undefined && host !== '') {
        if (host !== name) domain = host;
        break;
      }
    }
  }
  return { key, name, domain };
}

/** The first of `keys` the record has, or ''. */
export function firstPresentKey(keys: readonly string[], has: (key: string) => boolean): string {
  for (const k of keys) if (has(k)) return k;
  return '';
}

/** "logs/api.jsonl" → "api": the file's base name without its last extension. */
export function processNameOfInput(input: string): string {
  const base = input.slice(Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem || input;
}
