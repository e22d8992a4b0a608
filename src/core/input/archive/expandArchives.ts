/**
 * Opens compressed and bundled inputs before format detection: `.gz`, `.zip`,
 * `.tar`, `.tar.gz`/`.tgz` (told apart by their bytes: archiveKind.ts), so a
 * support bundle or a must-gather archive is analyzed as the log files
 * inside it. Members are named `archive/path/in/archive` (a lone .gz gives
 * `app.log.gz/app.log`), so diagnostics and executionOf can name them, and
 * archives inside archives (rotated `app.log.1.gz` in a tarball) are opened
 * too, up to a depth limit.
 *
 * scanArchives gives each member as an ArchiveMember: scanned once as it
 * inflates (archiveScanner.ts), and inflated again, in pieces, only when it
 * is read, so an accepted archive is never held inflated whole.
 * Decompression is fflate everywhere, charged against an ArchiveBudget: an
 * archive that would expand past it is refused whole, with a diagnostic, as
 * is one that is corrupt. A broken member inside a good archive is reported
 * and the others are kept. expandArchives gives the same members read
 * whole, for callers that want bytes.
 */
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';
import type { DiagnosticSink } from '../../model/diagnostic';
import { ArchiveBudget, BudgetExceeded, DEFAULT_ARCHIVE_LIMITS, formatBytes, type ArchiveLimits } from './archiveBudget';
import { archiveKind } from './archiveKind';
import { isArchiveMember, memberBytes, type ArchiveMember, type NamedBytes } from './archiveMember';
import { ArchiveScanner, errorText, HOLD_SMALL_BYTES, type HoldBudget } from './archiveScanner';

export type { NamedBytes } from './archiveMember';
export { archiveKind, type ArchiveKind } from './archiveKind';

/** The inputs with every archive replaced by its members (in archive order), scanned, not held. */
export function scanArchives<T extends { name: string }>(
  inputs: readonly (NamedBytes | T)[],
  sink: DiagnosticSink,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
  options: AnalyzeOptions = {},
  holdSmall = HOLD_SMALL_BYTES,
): (ArchiveMember | T | NamedBytes)[] {
  const budget = new ArchiveBudget(limits);
  const hold: HoldBudget = { left: holdSmall };
  const out: (ArchiveMember | T | NamedBytes)[] = [];
  for (const input of inputs) {
    // Inputs without bytes in memory (streams) were found not to be archives by the caller.
    if (!('bytes' in input) || !(input.bytes instanceof Uint8Array)) {
      out.push(input);
      continue;
    }
    const kind = archiveKind(input.name, input.bytes);
    if (!kind) {
      out.push(input);
      continue;
    }
    budget.begin(input.name, input.bytes.length);
    const members: ArchiveMember[] = [];
    const holdBefore = hold.left;
    const scanner = new ArchiveScanner(budget, sink, members, options, hold);
    try {
      scanner.open(input.name, input.bytes, kind, 1);
    } catch (err) {
      budget.refund();
      hold.left = holdBefore;
      const why = err instanceof BudgetExceeded ? err.message : `not a readable ${kind} archive (${errorText(err)}); nothing in it was read`;
      sink.add(input.name, 0, 'error', why);
      continue;
    }
    const bytes = members.reduce((s, m) => s + m.size, 0);
    let skipped = scanner.junk > 0 ? `; ${scanner.junk} macOS metadata file${scanner.junk === 1 ? '' : 's'} passed over` : '';
    skipped += scanner.linkNote(members);
    sink.add(input.name, 0, 'info', `${kind} archive: ${members.length} file${members.length === 1 ? '' : 's'} (${formatBytes(bytes)}) read from it${skipped}`);
    out.push(...members);
  }
  return out;
}

/** The inputs with every archive replaced by its member files (in archive order), each read whole. */
export function expandArchives<T extends { name: string }>(
  inputs: readonly (NamedBytes | T)[],
  sink: DiagnosticSink,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): (NamedBytes | T)[] {
  return scanArchives(inputs, sink, limits).map((m) =>
    isArchiveMember(m) ? { name: m.name, bytes: memberBytes(m), ...(m.modifiedMs !== undefined && { modifiedMs: m.modifiedMs }) } : m,
  );
}
