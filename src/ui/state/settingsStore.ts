/**
 * What the page keeps in localStorage: the rules text and the analysis
 * options, never anything read from the user's logs (issue 8: nothing of
 * the logs is stored unless the user asks, e.g. by exporting). A storage that
 * is missing, full or holds garbage is treated as empty.
 */
import { DEFAULT_REGEX_BUDGET_MS } from '../../core/session/regexProbe';

export interface Settings {
  /** The rules editor's text (causeway.rules/1 JSON), as typed. */
  rulesText: string;
  /** ShiViz-style regex and delimiter; empty means none. */
  regex: string;
  delimiter: string;
  /** Forced format id; empty means detect. */
  format: string;
  /** Seconds a run with user regexes may go without progress. */
  regexBudgetSeconds: number;
  /**
   * Corrections to the detected CSV/TSV column mapping (AnalyzeOptions.csvColumns):
   * column names as typed, '' for "no column", absent for "as detected". Column
   * names describe an export's layout, not its content, so they are kept like
   * the rules. The clock-domain mapping, whose keys are process names read from
   * the logs, is not a setting: it lives in the page only (rulesState.svelte.ts).
   */
  csvColumns: CsvColumns;
  /** The page's theme: the system's, light or dark. */
  theme: ThemeChoice;
}

export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];

function isThemeChoice(v: unknown): v is ThemeChoice {
  return typeof v === 'string' && (THEMES as readonly string[]).includes(v);
}

export type CsvColumns = { time?: string; process?: string; message?: string; clockDomain?: string };
const CSV_ROLE_KEYS = ['time', 'process', 'message', 'clockDomain'] as const;

export const SETTINGS_KEY = 'causeway.settings/1';

export const DEFAULT_SETTINGS: Settings = { rulesText: '', regex: '', delimiter: '', format: '', regexBudgetSeconds: DEFAULT_REGEX_BUDGET_MS / 1000, csvColumns: {}, theme: 'system' };

export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined): Settings {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(SETTINGS_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_SETTINGS };
    const r = raw as Record<string, unknown>;
    const str = (k: keyof Settings) => (typeof r[k] === 'string' ? (r[k] as string) : (DEFAULT_SETTINGS[k] as string));
    const budget = typeof r['regexBudgetSeconds'] === 'number' && r['regexBudgetSeconds'] >= 1 && r['regexBudgetSeconds'] <= 600 ? r['regexBudgetSeconds'] : DEFAULT_REGEX_BUDGET_MS / 1000;
    const csvColumns: CsvColumns = {};
    const cols = r['csvColumns'];
    if (typeof cols === 'object' && cols !== null) {
      for (const k of CSV_ROLE_KEYS) {
        const v = (cols as Record<string, unknown>)[k];
        if (typeof v === 'string') csvColumns[k] = v;
      }
    }
    const theme = isThemeChoice(r['theme']) ? r['theme'] : 'system';
    return { rulesText: str('rulesText'), regex: str('regex'), delimiter: str('delimiter'), format: str('format'), regexBudgetSeconds: budget, csvColumns, theme };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'> | undefined, s: Settings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(s));
  } catch {
    // Full or forbidden storage: the settings live for this page only.
  }
}
