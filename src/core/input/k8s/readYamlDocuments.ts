/**
 * Reads multi-document YAML (`---` separated, as `kubectl get -o yaml` and
 * watch recorders write) into values with their starting line, the lines of
 * their `items`, and the JSON comment right before each document when there
 * is one (recorders such as kspan write `# {"time":...}` there: the time the
 * watcher saw the object). A document with errors becomes a problem with its
 * line, and the others are still read.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { JsonValueAt, ReadProblem } from './readJsonValues';

export interface YamlValueAt extends JsonValueAt {
  /** The JSON object written in a comment just before the document, if any. */
  comment: Record<string, unknown> | null;
}

export function readYamlDocuments(text: string): { values: YamlValueAt[]; problems: ReadProblem[] } {
  const values: YamlValueAt[] = [];
  const problems: ReadProblem[] = [];
  const lc = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  } catch (err) {
    problems.push({ line: 0, message: `not readable as YAML: ${err instanceof Error ? err.message.slice(0, 100) : String(err)}` });
    return { values, problems };
  }
  if (!Array.isArray(docs)) return { values, problems };
  const lineOf = (offset: number) => Math.max(1, lc.linePos(offset).line);
  for (const doc of docs) {
    const contents = doc.contents;
    const at = contents?.range?.[0] ?? doc.range[0];
    const line = lineOf(at);
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      problems.push({ line: lineOf(e.pos[0]), message: `YAML document is not valid: ${e.message.split('\n')[0]!.slice(0, 120)}` });
      continue;
    }
    if (contents === null) continue; // an empty document (a leading or trailing ---)
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      problems.push({ line, message: `YAML document could not be read: ${err instanceof Error ? err.message.slice(0, 100) : String(err)}` });
      continue;
    }
    const itemLines: number[] = [];
    if (isMap(contents)) {
      const items = contents.get('items', true);
      if (isSeq(items)) for (const it of items.items) itemLines.push(lineOf((it as unknown as { range?: [number] }).range?.[0] ?? at));
    } else if (isSeq(contents)) {
      for (const it of contents.items) itemLines.push(lineOf((it as unknown as { range?: [number] }).range?.[0] ?? at));
    }
    values.push({ value, line, itemLines, comment: commentObject(doc.commentBefore) ?? commentObject((contents as { commentBefore?: string | null }).commentBefore) });
  }
  return { values, problems };
}

function commentObject(comment: string | null | undefined): Record<string, unknown> | null {
  if (!comment) return null;
  const lines = comment.split('\n');
  for (let k = lines.length - 1; k >= 0; k--) {
    const t = lines[k]!.trim();
    if (!t.startsWith('{')) continue;
    try {
      const v: unknown = JSON.parse(t);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // An ordinary comment that happens to start with a brace.
    }
  }
  return null;
}
