/**
 * Decides, for every member of an archive a user dropped, how it is read:
 * as a log (with, for a container's log, the process and clock domain it
 * belongs to), as Kubernetes events, as resource metadata for the linker,
 * or not at all, with the reason. Pure: the read stage applies the plan.
 *
 * In a recognised layout (bundleLayouts.ts) container logs become the
 * process `container@pod`, in the clock domain of the pod's node (from the
 * pods resources). The pod's namespace is left out of the name, as pod names
 * are nearly always unique in a cluster; when two namespaces of one archive
 * have a pod of the same name, both are named `container@namespace/pod`.
 * A previous container's log is the same process, read before the current
 * one (rotated files before both), so its events come first in program
 * order. Event files are read as Kubernetes events; pods and replica sets
 * resources are read here, for each pod's node and owner, and handed to the
 * Kubernetes reader (ParseContext.resourceMeta) instead of being read as
 * events. Members a layout does not know, and every member of an archive in
 * no known layout, are judged by their content (memberKind.ts).
 *
 * Nothing is dropped silently: one info diagnostic per archive names the
 * layout and what was read, and lists what was not, grouped by reason with
 * counts (and the first few paths).
 */
import { formatBytes } from '../archive/archiveBudget';
import { isArchiveMember, memberBytes, type ArchiveMember, type NamedBytes } from '../archive/archiveMember';
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';
import type { Diagnostic } from '../../model/diagnostic';
import { classifyPath, findLayouts, LAYOUT_LABELS, layoutOf, REASON, type ContainerLogPlace, type Layout } from './bundleLayouts';
import { splitLogSections } from './clusterInfoDump';
import { memberKind, mentionsEvents, type MemberKind } from './memberKind';
import type { MemberSource, ResourceMeta } from './memberSource';
import { resourceMetaOf } from './resourceMeta';

/** A member as the scan left it (judged, not held), or one held whole (a section cut from a logs.txt, a test's). */
export type BundleMember = ArchiveMember | NamedBytes;

export interface BundlePlan {
  /** The members to read (container-log sections of a logs.txt in its place), in archive order. */
  read: BundleMember[];
  /** How to read some of them (format, process, clock domain). */
  sources: Map<string, MemberSource>;
  /** The key to sort a member by instead of its name, where name order is not program order. */
  orderKeys: Map<string, string>;
  /** Objects from the resource files, for the Kubernetes linker. */
  resourceMeta: ResourceMeta[];
  skipped: { name: string; reason: string }[];
  diagnostics: Diagnostic[];
}

/** Paths listed per reason in the archive's diagnostic; the rest are counted. */
const LISTED = 8;
/** A resource file (pods, replica sets) is read whole for its metadata up to this size; past it, it is skipped with a warning. */
export const RESOURCE_CAP = 64 * 1024 * 1024;
const dec = new TextDecoder();

interface ContainerLog {
  member: BundleMember;
  place: ContainerLogPlace;
  group: string;
}

/** Plans the members of the archive (or cluster-info dump) `archive`; their names start with `archive/`. */
export function planBundle(archive: string, members: readonly BundleMember[], options: AnalyzeOptions = {}): BundlePlan {
  const prefix = `${archive}/`;
  const rel = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const layouts = findLayouts(members.map((m) => rel(m.name)));
  const plan: BundlePlan = { read: [], sources: new Map(), orderKeys: new Map(), resourceMeta: [], skipped: [], diagnostics: [] };
  const skip = (name: string, reason: string) => plan.skipped.push({ name, reason });
  const warn = (input: string, line: number, message: string) => plan.diagnostics.push({ input, line, severity: 'warning', message });

  const logs: ContainerLog[] = [];
  const collectorLogs: { member: BundleMember; layout: Layout; pod: string; container: string; age: 1 | 2 }[] = [];
  /** Where each member goes in the reading list: container logs are placed once their names are known. */
  const order: (BundleMember | ContainerLog)[] = [];
  let events = 0;
  /** The nodes the container logs' pods ran on: their clock domains. */
  const nodes = new Set<string>();

  for (const m of members) {
    const path = rel(m.name);
    const layout = layoutOf(path, layouts);
    const c = layout ? classifyPath(layout, path) : ({ what: 'other' } as const);
    switch (c.what) {
      case 'events':
        if (!hasEvents(m)) skip(m.name, REASON.emptyEvents);
        else {
          plan.sources.set(m.name, { format: 'k8s' });
          order.push(m);
          events++;
        }
        break;
      case 'pods':
      case 'workloads': {
        if (sizeOf(m) > RESOURCE_CAP) {
          warn(m.name, 0, `resource file of ${formatBytes(sizeOf(m))}: over the ${formatBytes(RESOURCE_CAP)} read for resource metadata, so its objects were not read`);
          skip(m.name, REASON[c.what]);
          break;
        }
        const { metas, problems } = resourceMetaOf(m.name, dec.decode(bytesOf(m)));
        for (const p of problems.slice(0, 3)) warn(m.name, p.line, `resource file: ${p.message}`);
        plan.resourceMeta.push(...metas.filter((x) => x.kind === 'Pod' || x.kind === 'ReplicaSet'));
        skip(m.name, REASON[c.what]);
        break;
      }
      case 'nodes':
        skip(m.name, REASON.nodes);
        break;
      case 'containerLog': {
        const log = { member: m, place: c.place, group: containerGroup(m.name, c.place) };
        logs.push(log);
        order.push(log);
        break;
      }
      case 'collectorLog':
        collectorLogs.push({ member: m, layout: layout!, pod: c.pod, container: c.container, age: c.age });
        break;
      case 'podLogSections': {
        const { sections, outside } = splitLogSections(bytesOf(m));
        if (outside > 0) warn(m.name, 0, `${outside} line${outside === 1 ? '' : 's'} outside the "==== START logs for container" sections: not read`);
        if (sections.length === 0 && outside === 0) skip(m.name, 'no container log sections');
        for (const s of sections) {
          const section = { name: `${m.name}/${s.container}`, bytes: s.bytes };
          const log = { member: section, place: { namespace: c.namespace, pod: c.pod, container: s.container, age: 2 as const }, group: section.name };
          logs.push(log);
          order.push(log);
        }
        break;
      }
      case 'skip':
        skip(m.name, c.reason);
        break;
      default: {
        const k = kindOf(m, options);
        if (k.read) order.push(m);
        else skip(m.name, k.reason);
      }
    }
  }

  // A logs collector's copy of a container log is read only when the bundle lacks the original.
  const podNamespaces = new Map<string, Set<string>>();
  const addPod = (ns: string, pod: string) => {
    let s = podNamespaces.get(pod);
    if (!s) podNamespaces.set(pod, (s = new Set()));
    s.add(ns);
  };
  for (const meta of plan.resourceMeta) if (meta.kind === 'Pod') addPod(meta.namespace, meta.name);
  for (const l of logs) addPod(l.place.namespace, l.place.pod);
  const have = new Set(logs.map((l) => `${l.place.pod}/${l.place.container}/${l.place.age}`));
  for (const c of collectorLogs) {
    const namespaces = podNamespaces.get(c.pod);
    if (have.has(`${c.pod}/${c.container}/${c.age}`)) skip(c.member.name, REASON.duplicate);
    else if (namespaces?.size === 1) {
      const log = { member: c.member, place: { namespace: [...namespaces][0]!, pod: c.pod, container: c.container, age: c.age }, group: '' };
      log.group = containerGroup(c.member.name, log.place);
      logs.push(log);
      order.push(log);
    } else {
      const k = kindOf(c.member, options);
      if (k.read) order.push(c.member);
      else skip(c.member.name, k.reason);
    }
  }

  // Processes and clock domains of the container logs.
  const nodeOf = new Map(plan.resourceMeta.filter((x) => x.kind === 'Pod' && x.node).map((x) => [`${x.namespace}/${x.name}`, x.node]));
  const unplaced = new Set<string>();
  const podsOnNodes = new Set<string>();
  for (const l of logs) {
    const { namespace, pod, container, age } = l.place;
    const shared = (podNamespaces.get(pod)?.size ?? 0) > 1;
    const process = `${container}@${shared ? `${namespace}/` : ''}${pod}`;
    const node = nodeOf.get(`${namespace}/${pod}`);
    if (node) {
      podsOnNodes.add(`${namespace}/${pod}`);
      nodes.add(node);
    } else unplaced.add(`${namespace}/${pod}`);
    plan.sources.set(l.member.name, node ? { process, domain: node } : { process });
    plan.orderKeys.set(l.member.name, `${l.group}\u0000${age}\u0000${l.member.name}`);
  }
  for (const o of order) plan.read.push('member' in o ? o.member : o);

  const said = summary(archive, layouts, plan, { events, logs: logs.length, pods: podsOnNodes.size, nodes: nodes.size, unplaced });
  if (said) plan.diagnostics.unshift({ input: archive, line: 0, severity: 'info', message: said });
  return plan;
}

/** What the container's logs share (previous, current and rotated files): the key they are ordered under. */
function containerGroup(name: string, place: ContainerLogPlace): string {
  const logsDir = name.lastIndexOf('/logs/');
  // must-gather: …/pods/<pod>/<container>/<container>/logs/…
  if (logsDir >= 0 && name.slice(logsDir).match(/^\/logs\/(?:current|previous|rotated)/)) return name.slice(0, logsDir);
  return `${name.slice(0, name.lastIndexOf('/') + 1)}${place.container}`;
}

/** What memberKind says of the member: judged when it was scanned, or now from its bytes. */
function kindOf(m: BundleMember, options: AnalyzeOptions): MemberKind {
  return isArchiveMember(m) ? m.kind : memberKind(m.name, m.bytes, options);
}

/** Whether an events file holds any event (an Event names its object). */
function hasEvents(m: BundleMember): boolean {
  return isArchiveMember(m) ? m.hasEvents : mentionsEvents(m.bytes, m.bytes.length);
}

function sizeOf(m: BundleMember): number {
  return isArchiveMember(m) ? m.size : m.bytes.length;
}

/** The whole member: held, or inflated again (members are planned in archive order, so a tar in a gzip is inflated forward once). */
function bytesOf(m: BundleMember): Uint8Array {
  return isArchiveMember(m) ? memberBytes(m) : m.bytes;
}

function summary(
  archive: string,
  layouts: readonly { id: keyof typeof LAYOUT_LABELS; root: string }[],
  plan: BundlePlan,
  n: { events: number; logs: number; pods: number; nodes: number; unplaced: Set<string> },
): string {
  // Paths are shown under the bundle's folder when there is one bundle.
  const prefix = `${archive}/${layouts.length === 1 ? layouts[0]!.root : ''}`;
  const parts: string[] = [];
  if (layouts.length > 0) {
    const where = layouts.map((l) => `${LAYOUT_LABELS[l.id]}${l.root ? ` (${l.root.replace(/\/$/, '')})` : ''}`).join('; ');
    parts.push(
      `${where}: ${n.events} event file${n.events === 1 ? '' : 's'} read as Kubernetes events, ${n.logs} container log${n.logs === 1 ? '' : 's'} read as container@pod` +
        (n.logs > 0 ? ` (${n.pods} pod${n.pods === 1 ? '' : 's'} placed on ${n.nodes} node clock${n.nodes === 1 ? '' : 's'}${n.unplaced.size > 0 ? `; ${n.unplaced.size} pod${n.unplaced.size === 1 ? '' : 's'} not found in the pods resources keep${n.unplaced.size === 1 ? 's' : ''} a clock of its own` : ''})` : ''),
    );
  }
  const read = plan.read.length;
  // An archive of logs alone, all read, needs no word beyond the archive's own.
  if (plan.skipped.length === 0) return parts.length > 0 ? `${parts.join('. ')}. ${read} member${read === 1 ? '' : 's'} read, none skipped` : '';
  const byReason = new Map<string, string[]>();
  for (const s of plan.skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push(s.name.startsWith(prefix) ? s.name.slice(prefix.length) : s.name);
    byReason.set(s.reason, list);
  }
  const groups = [...byReason].map(([reason, names]) => {
    const shown = names.slice(0, LISTED).join(', ');
    return `${reason} ×${names.length}: ${shown}${names.length > LISTED ? `, and ${names.length - LISTED} more` : ''}`;
  });
  parts.push(`${read} member${read === 1 ? '' : 's'} read; ${plan.skipped.length} not read as logs — ${groups.join('; ')}`);
  return parts.join('. ');
}
