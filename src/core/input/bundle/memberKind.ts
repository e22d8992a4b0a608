/**
 * Whether a file found in an archive is worth reading as a log, judged from
 * its name and first bytes when no layout says what it is. Logs (text, JSON
 * lines, CRI, logfmt, CSV) and the documents a format reads (Kubernetes
 * events and audit logs, traces, ShiViz) are read. Files that are neither
 * are skipped with a reason instead of being read as thousands of "events"
 * of JSON punctuation: a JSON or YAML document that is a Kubernetes resource
 * or any other object, a binary or an image.
 *
 * A JSON document is told from JSON lines by its first line: JSON lines
 * start with a whole object on one line (and a file of a single such line
 * is a one-event log, unless it is a Kubernetes object).
 */
import { k8sFormat } from '../k8s/k8sFormat';
import { k8sTableFormat } from '../k8s/k8sTableFormat';
import { jaegerFormat } from '../traces/jaegerFormat';
import { otlpFormat } from '../traces/otlpFormat';
import { shivizFormat } from '../shiviz/shivizFormat';
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';

export type MemberKind = { read: true } | { read: false; reason: string };

export const KIND_REASON = {
  binary: 'binary file',
  image: 'image',
  k8sJson: 'Kubernetes resource (JSON), not a log',
  k8sYaml: 'Kubernetes resource (YAML manifest), not a log',
  json: 'JSON document, not a log',
  yaml: 'YAML document, not a log',
} as const;

const READ: MemberKind = { read: true };
const DOCUMENT_FORMATS = [k8sFormat, k8sTableFormat, otlpFormat, jaegerFormat, shivizFormat];
const IMAGE_NAME = /\.(?:png|jpe?g|gif|bmp|ico|webp|tiff?|svg)$/i;
const BINARY_NAME = /\.(?:pdf|so|a|o|exe|dll|bin|db|sqlite3?|jar|class|pyc|pb|dat|snap)$/i;
/** How much of a file's start the judgement decodes. */
export const HEAD_BYTES = 65536;

function isImage(b: Uint8Array): boolean {
  return (
    (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) || // PNG
    (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) || // JPEG
    (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) // GIF8
  );
}

/** NUL bytes near the start of a file that has no UTF-16 byte-order mark. */
function isBinary(b: Uint8Array): boolean {
  if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return false;
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

/** The first HEAD_BYTES of bytes as text (UTF-8, or UTF-16 by its byte-order mark). */
export function headText(bytes: Uint8Array): string {
  const b = bytes.subarray(0, HEAD_BYTES);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  const t = new TextDecoder('utf-8', { fatal: false }).decode(b);
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}

function looksLikeK8sObject(text: string): boolean {
  return /"apiVersion"\s*:/.test(text) && /"kind"\s*:/.test(text);
}

/** Whether the member (path, bytes) is read as a log or skipped, and why. */
export function memberKind(path: string, bytes: Uint8Array, options: AnalyzeOptions = {}): MemberKind {
  if (bytes.length === 0) return READ; // the read stage says an empty input gave nothing
  if (isImage(bytes) || IMAGE_NAME.test(path)) return { read: false, reason: KIND_REASON.image };
  if (isBinary(bytes) || BINARY_NAME.test(path)) return { read: false, reason: KIND_REASON.binary };
  const head = headText(bytes);
  if (DOCUMENT_FORMATS.some((f) => f.detect(path, head, options))) return READ;
  const start = /\S/.exec(head);
  if (!start) return READ;
  const c = head[start.index];
  if (c === '{' || c === '[') {
    const nl = head.indexOf('\n', start.index);
    const first = head.slice(start.index, nl < 0 ? head.length : nl).trim();
    const wholeObject = first.startsWith('{') && first.endsWith('}') && parsesAsObject(first);
    if (!wholeObject) return { read: false, reason: looksLikeK8sObject(head) ? KIND_REASON.k8sJson : KIND_REASON.json };
    const more = nl >= 0 && /\S/.test(head.slice(nl));
    if (!more && looksLikeK8sObject(first)) return { read: false, reason: KIND_REASON.k8sJson };
    return READ;
  }
  if (/\.ya?ml$/i.test(path) || /^(?:---\s*$|apiVersion:|kind:)/m.test(head.slice(start.index, start.index + 200))) {
    const k8s = /^\s*apiVersion:/m.test(head) && /^\s*kind:/m.test(head);
    if (/\.ya?ml$/i.test(path) || k8s) return { read: false, reason: k8s ? KIND_REASON.k8sYaml : KIND_REASON.yaml };
  }
  return READ;
}

/** Whether an events file may hold any event (an Event names its object), from its first HEAD_BYTES and its size. */
export function mentionsEvents(head: Uint8Array, size: number): boolean {
  return size > HEAD_BYTES || /involvedObject|regarding/.test(headText(head));
}

function parsesAsObject(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}
