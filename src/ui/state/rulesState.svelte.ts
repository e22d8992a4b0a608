/**
 * The rules editor's state: the settings (rules text and analysis options,
 * kept in localStorage), the problems found by compiling the rules in the
 * page (no user regex runs here), and the per-rule counts of the last
 * analysis. An edit is saved at once and, after a pause (DEBOUNCE_MS), the
 * loaded files are analyzed again so the counts follow the text.
 *
 * It also holds the two mappings the page lets the user correct: the CSV
 * column mapping (a setting, saved with the others) and the clock domain of
 * each process (AnalyzeOptions.clockDomainOf). The latter is keyed by process
 * names, which come from the user's logs, so it is kept in memory only, for
 * as long as the page is open (issue 8: nothing of the logs is stored unless
 * the user asks); it applies to every later analysis in the page until Reset.
 * So are the per-input reading settings of the inputs table: the zone an
 * input's zoneless times are read in (AnalyzeOptions.zones) and the column
 * that names its sources (AnalyzeOptions.sourceColumns), both keyed by the
 * user's file names.
 */
import type { RuleStat } from '../../core/rules/ruleEdges';
import type { AnalyzeOptions } from '../../core/analysis/analyzeOptions';
import { checkRules, optionsOf, type RulesCheck } from './analysisOptions';
import { loadSettings, saveSettings, type CsvColumns, type Settings } from './settingsStore';
import { appearance, type ThemeChoice } from './appearance.svelte';
import type { StateHost } from './stateHost';

export const DEBOUNCE_MS = 700;

export class RulesState {
  settings = $state<Settings>(loadSettings(undefined));
  /** Per rule of the last analysis that had rules; null before one. */
  stats = $state.raw<RuleStat[] | null>(null);
  /** Set when the last analysis was stopped by the regex time budget. */
  timeout = $state<string | null>(null);
  /** An analysis for the current text is waiting for the pause to end. */
  pending = $state(false);

  /** Process → clock domain the user set; in memory only (see above). */
  clockDomainOf = $state.raw<Record<string, string>>({});

  /** Input → zone, and input → source column ('none' allowed), set in the inputs table; in memory only (see above). */
  zones = $state.raw<Record<string, string>>({});
  sourceColumns = $state.raw<Record<string, string>>({});
  /** Input → the year of its times written without one (AnalyzeOptions.years); in memory only. */
  years = $state.raw<Record<string, number>>({});
  /** Per input, the source columns its reports offered, kept so a choice of 'none' can be taken back. */
  readonly sourceChoicesSeen = new Map<string, string[]>();

  check: RulesCheck = $derived(checkRules(this.settings.rulesText));
  options: AnalyzeOptions = $derived(withReading(withDomains(optionsOf(this.settings), this.clockDomainOf), this.zones, this.sourceColumns, this.years));

  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly app: StateHost,
    private readonly storage: Storage | undefined,
  ) {
    this.settings = loadSettings(storage);
    appearance.choice = this.settings.theme;
  }

  /** The theme chosen: kept with the settings, shown at once, nothing analyzed again. */
  setTheme(theme: ThemeChoice): void {
    this.settings = { ...this.settings, theme };
    saveSettings(this.storage, $state.snapshot(this.settings));
    appearance.choice = theme;
  }

  update(patch: Partial<Settings>): void {
    this.settings = { ...this.settings, ...patch };
    saveSettings(this.storage, $state.snapshot(this.settings));
    if (patch.regexBudgetSeconds !== undefined) this.app.client.regexBudgetMs = this.settings.regexBudgetSeconds * 1000;
    this.timeout = null;
    this.schedule();
  }

  /** Sets the clock domain of processes (blank entries dropped) and analyzes again at once. */
  applyDomains(map: Record<string, string>): Promise<void> {
    const clean: Record<string, string> = {};
    for (const [p, d] of Object.entries(map)) if (d.trim()) clean[p] = d.trim();
    this.clockDomainOf = clean;
    return this.app.reanalyze();
  }

  /** Back to the domains each format derives. */
  resetDomains(): Promise<void> {
    return this.applyDomains({});
  }

  /**
   * Sets how one input is read and analyzes again at once: its zone ('' for
   * UTC, as detected) and its source column ('' as detected, 'none' for one
   * source), and for times written without a year, their year ('' as the
   * input's dated lines or the archive's date give it, else 1970). Other
   * inputs keep theirs.
   */
  applyReading(input: string, zone: string, sourceColumn: string, year = ''): Promise<void> {
    this.zones = withSetting(this.zones, input, zone.trim());
    this.sourceColumns = withSetting(this.sourceColumns, input, sourceColumn.trim());
    const y = yearOf(year);
    const years = { ...this.years };
    if (y === null) delete years[input];
    else years[input] = y;
    this.years = years;
    return this.app.reanalyze();
  }

  /** Back to every input read as detected. */
  resetReading(): Promise<void> {
    this.zones = {};
    this.sourceColumns = {};
    this.years = {};
    return this.app.reanalyze();
  }

  /** Corrects the CSV column mapping (saved) and analyzes again at once; an absent role is as detected. */
  applyCsvColumns(columns: CsvColumns): Promise<void> {
    clearTimeout(this.timer);
    this.pending = false;
    this.settings = { ...this.settings, csvColumns: { ...columns } };
    saveSettings(this.storage, $state.snapshot(this.settings));
    return this.app.reanalyze();
  }

  /** Called by the app after each analysis. */
  analyzed(stats: RuleStat[] | null, hadRules: boolean): void {
    this.stats = hadRules ? stats : null;
    this.timeout = null;
  }

  timedOut(message: string): void {
    this.timeout = message;
  }

  /** Rules from an imported .json file: checked like typed text. */
  async importFile(file: Blob): Promise<void> {
    const text = await file.text();
    this.update({ rulesText: text });
  }

  /** The rules text as a file to download. */
  exportBlob(): Blob {
    return new Blob([this.settings.rulesText.endsWith('\n') ? this.settings.rulesText : `${this.settings.rulesText}\n`], { type: 'application/json' });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.app.hasFiles || this.check.error) {
      this.pending = false;
      return;
    }
    this.pending = true;
    this.timer = setTimeout(() => {
      this.pending = false;
      void this.app.reanalyze();
    }, DEBOUNCE_MS);
  }
}

function withDomains(options: AnalyzeOptions, domains: Record<string, string>): AnalyzeOptions {
  return Object.keys(domains).length > 0 ? { ...options, clockDomainOf: { ...domains } } : options;
}

function withReading(options: AnalyzeOptions, zones: Record<string, string>, sourceColumns: Record<string, string>, years: Record<string, number>): AnalyzeOptions {
  if (Object.keys(zones).length === 0 && Object.keys(sourceColumns).length === 0 && Object.keys(years).length === 0) return options;
  return {
    ...options,
    ...(Object.keys(zones).length > 0 && { zones: { ...zones } }),
    ...(Object.keys(sourceColumns).length > 0 && { sourceColumns: { ...sourceColumns } }),
    ...(Object.keys(years).length > 0 && { years: { ...years } }),
  };
}

/** A year as typed (four digits, 1900 or later, as --year takes), or null for blank or anything else. */
export function yearOf(text: string): number | null {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return null;
  const y = Number(t);
  return y >= 1900 ? y : null;
}

/** The map with `key` set to `value`, or without it for ''. */
function withSetting(map: Record<string, string>, key: string, value: string): Record<string, string> {
  const next = { ...map };
  if (value === '') delete next[key];
  else next[key] = value;
  return next;
}
