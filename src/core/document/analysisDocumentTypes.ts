/**
 * The shape of the analysis document, schema `causeway.analysis/2`
 * (docs/analysis-schema.md): what buildAnalysisDocument makes, the JSON
 * writer writes and the other exports read. Types only, and the schema names.
 */
import type { ReadingReport } from '../read/readingReport';
import type { Diagnostic } from '../model/diagnostic';
import type { InversionCount } from '../offsets/inversions';
import type { DocEvent } from './docEvent';

export const ANALYSIS_SCHEMA = 'causeway.analysis/2';
/** The schema before events became rows (full clocks, one object per event); docs/analysis-schema.md reads both. */
export const ANALYSIS_SCHEMA_V1 = 'causeway.analysis/1';

export interface DocumentOptions {
  /** Each event's whole vector clock (column `vc`) instead of what changed since its process's previous event (`vcDelta`). */
  fullClocks?: boolean;
}

export interface DocEdge {
  from: string;
  to: string;
  rule: string;
  key: string;
  /** Where the matcher had a choice: how it chose (EdgeEvidence.by) and the other sends it could have paired. */
  match?: { by: string; alternatives: string[] };
}

export interface DocAnomaly {
  id: string;
  kind: string;
  severity: string;
  events: string[];
  summary: string;
  detail: Record<string, unknown>;
}

/** What happened, told once: the anomalies that say one thing, or a Kubernetes node failure's timeline (findings/groupFindings.ts). */
export interface DocFinding {
  id: string;
  kind: string;
  severity: string;
  summary: string;
  /** Ids of the anomalies below it in `anomalies`. */
  anomalies: string[];
  events: string[];
  /** A node failure's steps (findings/nodeFailures.ts), in order. */
  timeline?: { step: string; events: string[] }[];
}

/** Ids shared by events of two or more processes (correlate/correlationGroups.ts). */
export interface DocCorrelation {
  key: string;
  events: string[];
  processes: string[];
}

export interface DocExecution {
  name: string;
  /** `fields`: what every event of the process carries with one value; written once here, not on the events. */
  processes: { name: string; clockDomain: string; events: number; fields: Record<string, string> }[];
  clockDomains: DocClockDomain[];
  events: Iterable<DocEvent>;
  edges: DocEdge[];
  /** Most severe first; every anomaly is in one finding at most, and stays listed in `anomalies`. */
  findings: DocFinding[];
  anomalies: DocAnomaly[];
  correlations: DocCorrelation[];
  /** Happened-before pairs (edges and program-order neighbours) a timestamp sort inverts. */
  inversions: InversionCount;
  offsetWindows: DocOffsetWindow[];
}

export interface DocOffsetWindow {
  start: string;
  end: string;
  edges: number;
  /** Per domain name, relative to its reference in clockDomains. */
  offsetMs: Record<string, { low: number | null; high: number | null; estimate: number | null }>;
  conflicts: { from: string; to: string }[];
}

/** A clock domain; `offsetMs` is its last epoch's where its clock stepped (clockEpochs.ts), `epochs` each epoch's. */
export interface DocClockDomain {
  name: string;
  reference: string;
  offsetMs: DocOffsetMs;
  /** Only where the clock stepped back: its epochs in order, each from its first to its last event on the process that shows the steps. */
  epochs?: { from: string; to: string; reference: string; offsetMs: DocOffsetMs }[];
}

export type DocOffsetMs = { low: number | null; high: number | null; estimate: number | null };

export interface AnalysisDocument {
  schema: typeof ANALYSIS_SCHEMA;
  inputs: { name: string; format: string; bytes: number; events: number; skipped: number; reading: ReadingReport }[];
  diagnostics: Diagnostic[];
  executions: DocExecution[];
}
