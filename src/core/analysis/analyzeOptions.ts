/**
 * What a user can set for one analysis, shared by the page, the worker, the
 * CLI and every stage of the core. Types only.
 */
import type { RuleSetSpec } from '../rules/ruleSet';

export interface AnalyzeOptions {
  /** ShiViz-style regex with named groups host, clock, event (other groups become fields). */
  regex?: string;
  /** ShiViz-style execution delimiter; a `trace` group names the execution. */
  delimiter?: string;
  /** Force a format for every input instead of detecting it. */
  format?: string;
  /** Process name → clock domain, overriding the domain a format derives (e.g. Kubernetes components → hosts). */
  clockDomainOf?: Record<string, string>;
  /** Minimum one-way network delay, ms, for offset bounds. */
  minDelayMs?: number;
  /**
   * How long after the action it reports a recording stamp (Kubernetes events, audit stages, access logs) may be
   * written, ms; default 1000. Inversions within it are not clock skew (offsets/recordingSlack.ts).
   */
  recordingToleranceMs?: number;
  /** Extra correlation-id patterns (JavaScript regexes; group 1, else the whole match, is the id): correlate/correlationGroups.ts. */
  correlationPatterns?: string[];
  /** User correlation rules (docs/rules.md). */
  rules?: RuleSetSpec;
  /** Per operation name (case-insensitive): whether repeating it is safe; overrides RFC 9110 and the built-in verbs. */
  idempotency?: Record<string, boolean>;
  /**
   * Input name → execution name, so several runs loaded side by side stay
   * apart. A name also covers what is under it (`bundle.tar.gz` covers
   * `bundle.tar.gz/logs/a.log`). Unmapped inputs go to DEFAULT_EXECUTION.
   */
  executionOf?: Record<string, string>;
  /** Corrects the detected CSV/TSV column mapping: column names (header text or `column3`). */
  csvColumns?: { time?: string; process?: string; message?: string; clockDomain?: string };
  /**
   * Input name → time zone for times written without one: 'UTC', an offset ('+02:00', '-0500') or an IANA name
   * ('Europe/Paris'). A name also covers what is under it, as in executionOf. Unset: UTC, said once per input.
   */
  zones?: Record<string, string>;
  /** Input name → the year for timestamps that carry none (syslog RFC 3164, klog, logcat), where the data gives none. */
  years?: Record<string, number>;
  /**
   * Input name → the column, field or prefix that names each line's source (process) in an input that holds
   * several, overriding the detected one; 'none' reads the whole input as one source.
   */
  sourceColumns?: Record<string, string>;
}
