/**
 * The read stage's use of planBundle: after archives are expanded, each
 * archive's members are planned together (and a `kubectl cluster-info dump`
 * written to one stream is first cut into the members its directory form
 * would have), giving the inputs to read, the order to read them in, how to
 * read some of them (ParseContext.sourceOf), the resource metadata for the
 * Kubernetes reader (ParseContext.resourceMeta), and the diagnostics that
 * list what was not read. Inputs that came in no archive are left as they are.
 */
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';
import type { Diagnostic } from '../../model/diagnostic';
import { archiveKind } from '../archive/archiveKind';
import { isArchiveMember, type NamedBytes } from '../archive/archiveMember';
import { isClusterInfoStream, splitClusterInfoStream } from './clusterInfoDump';
import type { MemberSource, ResourceMeta } from './memberSource';
import { planBundle, type BundleMember } from './planBundle';

export interface PlannedInputs<T> {
  inputs: (BundleMember | T)[];
  /** The key to sort an input by (its name unless a plan says otherwise). */
  orderKey(name: string): string;
  sourceOf(name: string): MemberSource | undefined;
  resourceMeta: ResourceMeta[];
  diagnostics: Diagnostic[];
}

/**
 * `given`: the inputs before archives were expanded (to know which were
 * archives); `expanded`: scanArchives' (or expandArchives') result.
 */
export function planInputs<T extends { name: string }>(given: readonly (NamedBytes | T)[], expanded: readonly (BundleMember | T)[], options: AnalyzeOptions = {}): PlannedInputs<T> {
  const archives = given.filter((i): i is NamedBytes => hasBytes(i) && archiveKind(i.name, i.bytes) !== null).map((i) => i.name);
  const sources = new Map<string, MemberSource>();
  const orderKeys = new Map<string, string>();
  const out: PlannedInputs<T> = {
    inputs: [],
    orderKey: (name) => orderKeys.get(name) ?? name,
    sourceOf: (name) => sources.get(name),
    resourceMeta: [],
    diagnostics: [],
  };
  const byArchive = new Map<string, BundleMember[]>(archives.map((a) => [a, []]));
  const take = (archive: string, members: readonly BundleMember[]) => {
    const plan = planBundle(archive, members, options);
    out.inputs.push(...plan.read);
    for (const [k, v] of plan.sources) sources.set(k, v);
    for (const [k, v] of plan.orderKeys) orderKeys.set(k, v);
    out.resourceMeta.push(...plan.resourceMeta);
    out.diagnostics.push(...plan.diagnostics);
  };
  for (const input of expanded) {
    // A dump written to one stream is a bundle of its own, dropped as it is or found in an archive.
    if (hasBytes(input) && isClusterInfoStream(input.bytes)) {
      const { members, problems } = splitClusterInfoStream(input.name, input.bytes);
      for (const p of problems) out.diagnostics.push({ input: input.name, line: 0, severity: 'warning', message: p });
      take(input.name, members);
      continue;
    }
    const archive = hasBytes(input) || isArchiveMember(input) ? archives.find((a) => input.name.startsWith(`${a}/`)) : undefined;
    if (archive !== undefined) byArchive.get(archive)!.push(input as BundleMember);
    else out.inputs.push(input);
  }
  for (const [archive, members] of byArchive) if (members.length > 0) take(archive, members);
  return out;
}

function hasBytes(i: unknown): i is NamedBytes {
  return typeof i === 'object' && i !== null && 'bytes' in i && (i as NamedBytes).bytes instanceof Uint8Array;
}
