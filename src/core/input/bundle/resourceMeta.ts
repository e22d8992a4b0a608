/**
 * Kubernetes resource files (a PodList, a ReplicaSetList, a NodeList, or one
 * object, as JSON or YAML) → the little the analysis uses of them: each
 * pod's node and controlling owner, each replica set's owner, the node
 * names. Everything else in them (specs, statuses, managed fields) is
 * dropped; resources are metadata, not logs.
 */
import { readJsonValues, type ReadProblem } from '../k8s/readJsonValues';
import { readYamlDocuments } from '../k8s/readYamlDocuments';
import type { ResourceMeta } from './memberSource';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function resourceMetaOf(input: string, text: string): { metas: ResourceMeta[]; problems: ReadProblem[] } {
  const start = text.search(/[^\s\ufeff]/);
  const json = start >= 0 && (text[start] === '{' || text[start] === '[');
  const read = json ? readJsonValues(text) : readYamlDocuments(text);
  const metas: ResourceMeta[] = [];
  const take = (v: unknown, listKind: string): void => {
    if (Array.isArray(v)) {
      for (const item of v) take(item, listKind);
      return;
    }
    if (!isObj(v)) return;
    if (Array.isArray(v.items)) {
      take(v.items, str(v.kind).replace(/List$/, ''));
      return;
    }
    const meta = isObj(v.metadata) ? v.metadata : null;
    const kind = str(v.kind) || listKind;
    if (!meta || !kind) return;
    const spec = isObj(v.spec) ? v.spec : {};
    const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences.filter(isObj) : [];
    const owner = owners.find((o) => o.controller === true) ?? owners[0];
    metas.push({
      input,
      kind,
      namespace: str(meta.namespace),
      name: str(meta.name),
      uid: str(meta.uid),
      node: kind === 'Pod' ? str(spec.nodeName) : '',
      owner: owner ? `${str(owner.kind)}/${str(owner.name)}` : '',
    });
  };
  for (const v of read.values) take(v.value, '');
  return { metas, problems: read.problems };
}
