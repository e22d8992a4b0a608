/**
 * "Keep this analysis on this device": the files of the analysis shown (or
 * the sample's name), kept in the browser's IndexedDB only when the user asks,
 * so a reload analyzes them again and restores the view. Nothing of the logs
 * is stored otherwise (settingsStore.ts keeps only rules and settings).
 * Files are kept as the Blobs the page read, one record that a new analysis
 * or unticking the box deletes. Where IndexedDB is missing or refuses (a
 * private window, a full disk), nothing is kept and the page says so.
 */
import type { NamedBlob } from '../../../workers/protocol';

export interface KeptSource {
  sample: string | null;
  runs: NamedBlob[][];
}

const DB = 'causeway-kept';
const STORE = 'analysis';
const KEY = 'last';

function openDb(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') return resolve(null);
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => resolve(null);
      req.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

/** Runs one request in a transaction; null where storage is unavailable or fails. */
async function run<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  const db = await openDb();
  if (!db) return null;
  try {
    return await new Promise<T | null>((resolve) => {
      const tx = db.transaction(STORE, mode);
      const req = make(tx.objectStore(STORE));
      let value: T | null = null;
      req.onsuccess = () => (value = req.result);
      tx.oncomplete = () => resolve(value);
      tx.onerror = () => resolve(null);
      tx.onabort = () => resolve(null);
    });
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** Keeps the analysis' files; false where the browser would not store them. */
export async function keepAnalysis(source: KeptSource): Promise<boolean> {
  const record = { sample: source.sample, runs: source.runs.map((r) => r.map((f) => ({ name: f.name, blob: f.blob }))) };
  return (await run('readwrite', (s) => s.put(record, KEY))) !== null;
}

/** The kept analysis' files, or null. */
export async function loadKeptAnalysis(): Promise<KeptSource | null> {
  const r = await run<unknown>('readonly', (s) => s.get(KEY));
  if (typeof r !== 'object' || r === null) return null;
  const { sample, runs } = r as { sample?: unknown; runs?: unknown };
  if (!Array.isArray(runs) || !runs.every((run) => Array.isArray(run) && run.every((f) => typeof f?.name === 'string' && f?.blob instanceof Blob))) return null;
  return { sample: typeof sample === 'string' ? sample : null, runs: runs as NamedBlob[][] };
}

export async function forgetAnalysis(): Promise<void> {
  await run('readwrite', (s) => s.delete(KEY));
}
