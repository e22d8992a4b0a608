/**
 * The correlations list's state: the groups of the shown execution matching
 * the search (from the worker, a page at most), the group being stepped
 * through (all its events ringed in the diagram, one selected at a time and
 * brought into view), and the rules proposed from the groups. "Use this rule"
 * adds a proposal to the rules text (kept valid JSON; an unreadable text is
 * left alone, with a message), send and receive swapped if asked, and opens
 * the rules editor, which analyzes again after its pause.
 */
import type { CorrelationItem, CorrelationList, ProposalItem } from '../../core/session/correlationIndex';
import type { View } from './hashState';
import { reversedRule, withRule } from './proposedRule';
import type { RulesState } from './rulesState.svelte';
import type { StateHost } from './stateHost';

/** What the correlations need of the page state beyond StateHost. */
export interface CorrelationHost extends StateHost {
  readonly executionIndex: number;
  readonly rules: RulesState;
  focusEvents(events: number[], show?: boolean, reveal?: number[]): void;
  clearFocus(): void;
  select(event: number | null): Promise<void>;
  setView(view: View): void;
}

export interface CurrentGroup {
  item: CorrelationItem;
  events: Uint32Array;
  /** Which of its events is selected. */
  at: number;
  /** The events ringed (the first MAX_RINGS). */
  rings: number[];
}

/** Rings drawn at most: the diagram draws this many focus rings. */
const MAX_RINGS = 2000;

export class CorrelationState {
  list = $state.raw<CorrelationList | null>(null);
  query = $state('');
  proposals = $state.raw<ProposalItem[] | null>(null);
  current = $state.raw<CurrentGroup | null>(null);
  /** Why a proposed rule could not be added. */
  ruleMessage = $state<string | null>(null);

  private generation = 0;
  private searchSeq = 0;
  /** The generation whose proposals were asked for (they are made once, when the view first shows). */
  private proposalsAsked = -1;

  constructor(private readonly app: CorrelationHost) {}

  reset(): void {
    this.generation++;
    this.list = null;
    this.proposals = null;
    this.current = null;
    this.ruleMessage = null;
  }

  /** The list for the current query, for the shown execution. */
  async load(): Promise<void> {
    const gen = this.generation;
    try {
      const list = await this.app.client.correlations(this.app.executionIndex, this.query);
      if (gen === this.generation) this.list = list;
    } catch (err) {
      this.app.failed(err);
    }
  }

  /** The rules proposed for the shown execution, asked once per analysis: only the Correlations view shows them. */
  async loadProposals(): Promise<void> {
    const gen = this.generation;
    if (this.proposalsAsked === gen) return;
    this.proposalsAsked = gen;
    try {
      const proposals = await this.app.client.correlationProposals(this.app.executionIndex);
      if (gen === this.generation) this.proposals = proposals;
    } catch (err) {
      this.app.failed(err);
    }
  }

  async search(query: string): Promise<void> {
    this.query = query;
    const gen = this.generation;
    const seq = ++this.searchSeq;
    try {
      const list = await this.app.client.correlations(this.app.executionIndex, query);
      if (gen === this.generation && seq === this.searchSeq) this.list = list;
    } catch (err) {
      this.app.failed(err);
    }
  }

  /** Rings the group's events in the diagram (all of them in view) and selects its first. */
  async choose(item: CorrelationItem): Promise<void> {
    const gen = this.generation;
    try {
      const events = await this.app.client.correlationEvents(this.app.executionIndex, item.index);
      if (gen !== this.generation || events.length === 0) return;
      const rings = Array.from(events.subarray(0, MAX_RINGS));
      this.current = { item, events, at: 0, rings };
      this.app.focusEvents(rings, false);
      this.app.setView('diagram');
      void this.app.select(events[0]!);
    } catch (err) {
      this.app.failed(err);
    }
  }

  /** The next (or previous) event of the group, round; the diagram pans to it, the rest stay ringed. */
  step(direction: 1 | -1): void {
    const c = this.current;
    if (!c) return;
    const n = c.events.length;
    this.current = { ...c, at: (c.at + direction + n) % n };
    const e = c.events[this.current.at]!;
    this.app.focusEvents(c.rings, false, [e]);
    void this.app.select(e);
  }

  close(): void {
    if (this.current) this.app.clearFocus();
    this.current = null;
  }

  /** Adds the proposal's rule (send and receive swapped when `reversed`) to the rules text and opens the rules editor. */
  useRule(p: ProposalItem, reversed = false): void {
    const text = this.app.rules.settings.rulesText;
    const next = withRule(text, reversed ? reversedRule(p.rule) : p.rule);
    if (next === null) {
      this.ruleMessage = 'The rules text is not valid JSON, so the rule was not added: fix the text, or copy the rule below into it.';
      return;
    }
    this.ruleMessage = null;
    this.app.rules.update({ rulesText: next });
    this.app.setView('rules');
  }
}
