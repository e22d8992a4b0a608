/**
 * Parses `causeway analyze [options] PATH...` into a plain object, or a
 * one-line usage error. Kept apart from I/O so it is testable in-process.
 */
import { err, ok, type Result } from '../core/base/result';
import { EXPORT_FORMATS } from '../core/export/exportFormats';
import { FORMATS } from '../core/input/formats';
import { zoneShiftOf } from '../core/time/zoneShift';

/** `words` (the default) is the findings report for a person (core/report/wordsReport.ts); the rest are exports. */
export const OUTPUT_FORMATS = ['words', ...EXPORT_FORMATS] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** --fail-on: the least severe finding that makes the exit status FINDINGS_EXIT. */
export type FailOn = 'warning' | 'critical';
export const FINDINGS_EXIT = 3;

export interface CliArgs {
  command: 'analyze';
  format: OutputFormat;
  /** --fail-on warning|critical: exit FINDINGS_EXIT when a finding this severe or worse exists. */
  failOn: FailOn | null;
  out: string | null;
  /** --full-clocks: every event's whole vector clock in --format json (column `vc`), not the delta (`vcDelta`). */
  fullClocks: boolean;
  regex: string | undefined;
  delimiter: string | undefined;
  rules: string | undefined;
  inputFormat: string | undefined;
  minDelayMs: number | undefined;
  /** --recording-tolerance MS: AnalyzeOptions.recordingToleranceMs. */
  recordingToleranceMs: number | undefined;
  /** --correlation-pattern RE, repeatable: AnalyzeOptions.correlationPatterns. */
  correlationPatterns: string[];
  /** --zone INPUT=ZONE, repeatable: AnalyzeOptions.zones. */
  zones: Record<string, string>;
  /** --regex-budget MS: how long user regexes may run on one input without progress. */
  regexBudgetMs: number | undefined;
  /** --year INPUT=YYYY, repeatable: AnalyzeOptions.years (the year of times written without one). */
  years: Record<string, number>;
  paths: string[];
}

export const USAGE =
  'usage: causeway analyze [--format words|json|ndjson|csv|shiviz|chrome-trace] [--fail-on warning|critical] [--out FILE] [--full-clocks] [--regex R] [--delimiter D] [--rules FILE] [--input-format F] [--min-delay MS] [--recording-tolerance MS] [--correlation-pattern RE]... [--zone INPUT=ZONE]... [--year INPUT=YYYY]... [--regex-budget MS] PATH...';

export function parseCliArgs(argv: string[]): Result<CliArgs | 'help', string> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return ok('help');
  const [command, ...rest] = argv;
  if (command !== 'analyze') return err(`unknown command "${command}"; ${USAGE}`);
  const args: CliArgs = {
    command: 'analyze',
    format: 'words',
    failOn: null,
    out: null,
    fullClocks: false,
    regex: undefined,
    delimiter: undefined,
    rules: undefined,
    inputFormat: undefined,
    minDelayMs: undefined,
    recordingToleranceMs: undefined,
    correlationPatterns: [],
    zones: {},
    years: {},
    regexBudgetMs: undefined,
    paths: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--help' || a === '-h') return ok('help');
    if (!a.startsWith('--') || a === '--') {
      if (a === '--') {
        args.paths.push(...rest.slice(i + 1));
        break;
      }
      args.paths.push(a);
      continue;
    }
    if (a === '--full-clocks') {
      args.fullClocks = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    let value: string | undefined = eq >= 0 ? a.slice(eq + 1) : undefined;
    if (value === undefined) {
      value = rest[++i];
      if (value === undefined) return err(`--${name} needs a value; ${USAGE}`);
    }
    switch (name) {
      case 'format':
        if (!(OUTPUT_FORMATS as readonly string[]).includes(value))
          return err(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${value}"`);
        args.format = value as OutputFormat;
        break;
      case 'fail-on':
        if (value !== 'warning' && value !== 'critical') return err(`--fail-on must be warning or critical, not "${value}"`);
        args.failOn = value;
        break;
      case 'out':
        args.out = value;
        break;
      case 'regex':
        args.regex = value;
        break;
      case 'delimiter':
        args.delimiter = value;
        break;
      case 'rules':
        args.rules = value;
        break;
      case 'input-format':
        if (!FORMATS.some((f) => f.id === value)) return err(`--input-format must be one of ${FORMATS.map((f) => f.id).join(', ')}, not "${value}"`);
        args.inputFormat = value;
        break;
      case 'min-delay': {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0) return err(`--min-delay takes a non-negative number of milliseconds, not "${value}"`);
        args.minDelayMs = n;
        break;
      }
      case 'recording-tolerance': {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0) return err(`--recording-tolerance takes a non-negative number of milliseconds, not "${value}"`);
        args.recordingToleranceMs = n;
        break;
      }
      case 'correlation-pattern':
        try {
          new RegExp(value);
        } catch (e) {
          return err(`--correlation-pattern "${value}" is not a regular expression: ${(e as Error).message}`);
        }
        args.correlationPatterns.push(value);
        break;
      case 'regex-budget': {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0) return { ok: false, error: `--regex-budget takes a positive number of milliseconds, not "${value}"` };
        args.regexBudgetMs = n;
        break;
      }
      case 'zone': {
        // Zones never hold '=', input names may.
        const eq = value.lastIndexOf('=');
        const input = eq > 0 ? value.slice(0, eq) : '';
        const zone = eq > 0 ? value.slice(eq + 1) : '';
        if (input === '' || !zoneShiftOf(zone)) {
          return err(`--zone takes INPUT=ZONE, the zone UTC, an offset (+02:00) or a zone name (Europe/Paris), not "${value}"`);
        }
        args.zones[input] = zone;
        break;
      }
      case 'year': {
        const eq = value.lastIndexOf('=');
        const input = eq > 0 ? value.slice(0, eq) : '';
        const year = eq > 0 ? Number(value.slice(eq + 1)) : NaN;
        if (input === '' || !Number.isInteger(year) || year < 1900 || year > 9999) {
          return err(`--year takes INPUT=YYYY, the year of the input's times written without one (1900 or later), not "${value}"`);
        }
        args.years[input] = year;
        break;
      }
      default:
        return err(`unknown option --${name}; ${USAGE}`);
    }
  }
  if (args.paths.length === 0) return err(`no PATH given; ${USAGE}`);
  return ok(args);
}
