/**
 * The regex prompt offered for a vector-clock log none of the built-in ShiViz
 * readings fits (InputSummary.regexGuess): the regex being edited, pre-filled
 * with the guess, and a live count of what it reads in the input's first
 * lines. Counts run in the client's probe worker under the regex time budget,
 * the newest edit winning; Apply sets the log regex (as the Rules view does)
 * and so analyzes again.
 */
import type { RecordCount, RegexGuess } from '../../core/input/shiviz/regexGuess';
import type { AnalyzerState } from './analyzerState.svelte';

/** Typing settles this long before a count is asked for. */
const COUNT_DELAY_MS = 150;

export class RegexPromptState {
  text = $state('');
  count = $state.raw<RecordCount | null>(null);
  error = $state<string | null>(null);
  counting = $state(false);
  private guess: RegexGuess | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly app: AnalyzerState) {}

  /** A new analysis's guess: the prompt starts over from it (its count was made while reading). */
  show(guess: RegexGuess): void {
    if (guess === this.guess) return;
    this.guess = guess;
    this.seq++;
    clearTimeout(this.timer);
    this.text = guess.regex;
    this.count = guess.count;
    this.error = null;
    this.counting = false;
  }

  edit(text: string): void {
    this.text = text;
    const guess = this.guess;
    if (!guess) return;
    const n = ++this.seq;
    this.counting = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      try {
        const c = await this.app.client.countRecords(guess.sample, text);
        if (n !== this.seq) return;
        if ('error' in c) (this.error = c.error), (this.count = null);
        else (this.count = c), (this.error = null);
      } catch (err) {
        if (n !== this.seq) return;
        this.error = err instanceof Error ? err.message : String(err);
        this.count = null;
      } finally {
        if (n === this.seq) this.counting = false;
      }
    }, COUNT_DELAY_MS);
  }

  /** Reads the logs with this regex: the analysis runs again. */
  apply(): void {
    const regex = this.text.trim();
    if (regex !== '') this.app.rules.update({ regex });
  }
}
