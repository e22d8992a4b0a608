/**
 * The sample incidents shown as cards on the start view. The manifest
 * (sample-logs/index.json: [{id, title, summary, files}], file paths relative
 * to sample-logs/) and the files come from the page's own origin by fetch, or,
 * in the single-file build that runs from file://, from the copy inlined into
 * the page (scripts/vite/samplesPlugin.ts). Entries are checked: a path may
 * not climb out of sample-logs/.
 */
import { inlined } from 'virtual:causeway-samples';
import type { NamedBlob } from '../../../workers/protocol';
import { validEntries, type SampleEntry } from './sampleManifest';

export type { SampleEntry } from './sampleManifest';

const BASE = `${import.meta.env.BASE_URL}sample-logs/`;

export async function loadCatalog(): Promise<SampleEntry[]> {
  if (inlined) return validEntries(inlined.index);
  const res = await fetch(`${BASE}index.json`);
  if (!res.ok) return [];
  return validEntries(await res.json());
}

export async function loadSampleFiles(entry: SampleEntry): Promise<NamedBlob[]> {
  return Promise.all(
    entry.files.map(async (path): Promise<NamedBlob> => {
      if (inlined) {
        const b64 = inlined.files[path];
        if (b64 === undefined) throw new Error(`sample file ${path} is not in this page`);
        return { name: path, blob: new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]) };
      }
      const res = await fetch(`${BASE}${path.split('/').map(encodeURIComponent).join('/')}`);
      if (!res.ok) throw new Error(`could not load sample file ${path}: HTTP ${res.status}`);
      return { name: path, blob: await res.blob() };
    }),
  );
}
