/**
 * Files from a drop, folders included. DataTransfer items are only readable
 * during the drop event, so every entry is taken (webkitGetAsEntry) before
 * the first await; folders are then walked. Names keep the folder path
 * ("logs/alice.log") so two folders' files with the same base name stay
 * apart. Hidden files (.DS_Store and the like) are left out.
 */
import type { NamedBlob } from '../../../workers/protocol';

export function collectDropped(dt: DataTransfer): Promise<NamedBlob[]> {
  const entries: FileSystemEntry[] = [];
  const loose: NamedBlob[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) {
      entries.push(entry);
    } else {
      const f = item.getAsFile();
      if (f) loose.push({ name: f.name, blob: f });
    }
  }
  if (entries.length === 0 && loose.length === 0) {
    for (const f of Array.from(dt.files)) loose.push({ name: f.name, blob: f });
  }
  return walkAll(entries, loose);
}

async function walkAll(entries: FileSystemEntry[], out: NamedBlob[]): Promise<NamedBlob[]> {
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: NamedBlob[]): Promise<void> {
  if (entry.name.startsWith('.')) return;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name: entry.fullPath.replace(/^\/+/, ''), blob: file });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns a batch at a time (100 in Chrome); empty means done.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, out);
    }
  }
}

/** Files from an <input type=file>, with the folder path when a folder was picked. */
export function fromFileList(list: FileList | null): NamedBlob[] {
  return Array.from(list ?? [], (f) => ({ name: f.webkitRelativePath || f.name, blob: f }));
}
