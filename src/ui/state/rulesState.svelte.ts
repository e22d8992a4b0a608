/**
 * The rules editor's state: the settings (rules text and analysis options,
 * kept in localStorage), the problems found by compiling the rules in the
 * page (no user regex runs here), and the per-rule counts of the last
 * analysis. An edit is saved at once and, after a pause (DEBOUNCE_MS), the
 * loaded files are analyzed again so the counts follow the text.
 */
import type { RuleStat } from '../../core/rules/ruleEdges';
import type { AnalyzeOptions } from '../../core/input/formatParser';
import { checkRules, optionsOf, type RulesCheck } from './analysisOptions';
import { loadSettings, saveSettings, type Settings } from './settingsStore';
import type { AnalyzerState } from './analyzerState.svelte';

export const DEBOUNCE_MS = 700;

export class RulesState {
  settings = $state<Settings>(loadSettings(undefined));
  /** Per rule of the last analysis that had rules; null before one. */
  stats = $state.raw<RuleStat[] | null>(null);
  /** Set when the last analysis was stopped by the regex time budget. */
  timeout = $state<string | null>(null);
  /** An analysis for the current text is waiting for the pause to end. */
  pending = $state(false);

  check: RulesCheck = $derived(checkRules(this.settings.rulesText));
  options: AnalyzeOptions = $derived(optionsOf(this.settings));

  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly app: AnalyzerState,
    private readonly storage: Storage | undefined,
  ) {
    this.settings = loadSettings(storage);
  }

  update(patch: Partial<Settings>): void {
    this.settings = { ...this.settings, ...patch };
    saveSettings(this.storage, $state.snapshot(this.settings));
    if (patch.regexBudgetSeconds !== undefined) this.app.client.regexBudgetMs = this.settings.regexBudgetSeconds * 1000;
    this.timeout = null;
    this.schedule();
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
