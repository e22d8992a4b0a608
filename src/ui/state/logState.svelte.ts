/**
 * The merged log's state: which order it is in, that order as a typed array
 * (with each event's row, so an anomaly or a selection can scroll to it), the
 * rows fetched so far in pages of PAGE, and the search. Rows come from the
 * worker a page at a time as the table scrolls; the page cache is replaced,
 * not mutated, so $state.raw sees the change.
 *
 * Search runs in the worker: a newer query supersedes the older there, and
 * the client gives it a time budget; past the budget the worker was replaced,
 * so the analysis is run again and the page says why. Enter on a query goes
 * to its first hit (in the order shown), Enter again to the next; with
 * `onlyHits` the table shows the hits' rows only (`shownRows`, positions in
 * the order, ascending). Going to a hit (Enter, next, previous) also selects
 * it and zooms the diagram to it (StateHost.showHit).
 */
import type { LogIndex } from '../../core/session/analyzerSession';
import type { LogOrder } from '../../core/session/eventOrders';
import type { LogRow } from '../../core/session/logRows';
import { RegexTimeBudget } from '../client/analyzerClient';
import type { StateHost } from './stateHost';

export const PAGE = 100;

export interface ScrollTarget {
  row: number;
  seq: number;
}

export class LogState {
  order = $state<LogOrder>('causal');
  index = $state.raw<LogIndex | null>(null);
  pages = $state.raw<Map<number, LogRow[]>>(new Map());
  target = $state.raw<ScrollTarget | null>(null);
  /** The event the log last scrolled to, marked in the table. */
  current = $state<number | null>(null);

  query = $state('');
  marks = $state.raw<Uint8Array | null>(null);
  hits = $state(0);
  searchError = $state<string | null>(null);
  searching = $state(false);
  /** Show only the rows the search hits. */
  onlyHits = $state(false);
  /** Rows tall enough for three lines of wrapped text. */
  wrap = $state(false);

  /** With onlyHits and a search: the positions in the order of the rows shown (the hits), ascending; else null (every row). */
  shownRows: Uint32Array | null = $derived.by(() => {
    const order = this.index?.order;
    const marks = this.marks;
    if (!this.onlyHits || !order || !marks) return null;
    const out = new Uint32Array(this.hits);
    let k = 0;
    for (let i = 0; i < order.length && k < out.length; i++) if (marks[order[i]!] === 1) out[k++] = i;
    return out.subarray(0, k);
  });

  /** Row of each event in the current order. */
  rowOf: Uint32Array = $derived.by(() => {
    const o = this.index?.order;
    const pos = new Uint32Array(o?.length ?? 0);
    if (o) for (let i = 0; i < o.length; i++) pos[o[i]!] = i;
    return pos;
  });

  private exec = 0;
  private loading = new Set<number>();
  private generation = 0;
  private searchSeq = 0;
  private scrollSeq = 0;
  private pendingSearch: Promise<void> | null = null;
  /** The query Enter was last pressed on: Enter again goes on to the next hit. */
  private entered: string | null = null;

  constructor(private readonly app: StateHost) {}

  reset(): void {
    this.generation++;
    this.index = null;
    this.pages = new Map();
    this.loading.clear();
    this.marks = null;
    this.hits = 0;
    this.searchError = null;
    this.current = null;
  }

  async load(exec: number): Promise<void> {
    this.exec = exec;
    const gen = ++this.generation;
    this.pages = new Map();
    this.loading.clear();
    const index = await this.app.client.logIndex(exec, this.order);
    if (gen !== this.generation) return;
    this.index = index;
    if (this.current !== null) this.target = { row: this.rowOf[this.current]!, seq: ++this.scrollSeq };
    if (this.query.trim()) await this.search(this.query);
  }

  async setOrder(order: LogOrder): Promise<void> {
    if (order === this.order) return;
    this.order = order;
    this.app.writeHash();
    if (this.app.phase === 'done') {
      try {
        await this.load(this.exec);
      } catch (err) {
        this.app.failed(err);
      }
    }
  }

  /** Makes sure rows [start, end) are fetched or on their way. */
  ensure(start: number, end: number): void {
    if (!this.index) return;
    for (let p = Math.floor(Math.max(0, start) / PAGE); p * PAGE < Math.min(end, this.index.order.length); p++) this.fetchPage(p);
  }

  /** Makes sure the rows at these positions of the order are fetched or on their way. */
  ensureAt(positions: ArrayLike<number>): void {
    if (!this.index) return;
    let last = -1;
    for (let k = 0; k < positions.length; k++) {
      const p = Math.floor(positions[k]! / PAGE);
      if (p !== last) this.fetchPage((last = p));
    }
  }

  /** Where a position of the order is in the table: itself, or its place among the hits (-1: not shown). */
  displayRow(position: number): number {
    const shown = this.shownRows;
    if (!shown) return position;
    let lo = 0;
    let hi = shown.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (shown[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo < shown.length && shown[lo] === position ? lo : -1;
  }

  setOnlyHits(on: boolean): void {
    this.onlyHits = on;
    // Keep the current row in view in the new table.
    if (this.current !== null && this.index) this.target = { row: this.rowOf[this.current]!, seq: ++this.scrollSeq };
  }

  private fetchPage(p: number): void {
    const gen = this.generation;
    if (this.pages.has(p) || this.loading.has(p)) return;
    this.loading.add(p);
    this.app.client.logRows(this.exec, this.order, p * PAGE, PAGE).then(
      (rows) => {
        if (gen !== this.generation) return;
        this.loading.delete(p);
        const next = new Map(this.pages);
        next.set(p, rows);
        this.pages = next;
      },
      (err) => {
        this.loading.delete(p);
        this.app.failed(err);
      },
    );
  }

  rowAt(i: number): LogRow | undefined {
    return this.pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  }

  scrollToEvent(event: number): void {
    this.current = event;
    if (this.index && event < this.rowOf.length) this.target = { row: this.rowOf[event]!, seq: ++this.scrollSeq };
  }

  /**
   * Enter in the search box: runs the query if it is new (or waits for it), then goes to its first hit
   * in the order shown; Enter again on the same query goes to the next. The event gone to, or null.
   */
  async enter(query: string): Promise<number | null> {
    if (query !== this.query) await this.search(query);
    else if (this.pendingSearch) await this.pendingSearch;
    if (query !== this.query || this.hits === 0) return null;
    if (this.entered === query) this.nextHit(1);
    else {
      this.entered = query;
      this.firstHit();
    }
    return this.current;
  }

  /** The first hit in the current order. */
  firstHit(): void {
    const marks = this.marks;
    const order = this.index?.order;
    if (!marks || !order) return;
    for (let i = 0; i < order.length; i++) {
      if (marks[order[i]!] === 1) return this.goToHit(order[i]!);
    }
  }

  /** The next (or previous) hit after the current row, in the current order. */
  nextHit(direction: 1 | -1): void {
    const marks = this.marks;
    const order = this.index?.order;
    if (!marks || !order || this.hits === 0) return;
    const n = order.length;
    const from = this.current !== null ? this.rowOf[this.current]! : direction > 0 ? -1 : n;
    for (let k = 1; k <= n; k++) {
      const i = (((from + direction * k) % n) + n) % n;
      if (marks[order[i]!]) return this.goToHit(order[i]!);
    }
  }

  /** The log's current row, and the page selects it and brings it into view in the diagram. */
  private goToHit(event: number): void {
    this.scrollToEvent(event);
    this.app.showHit(event, this.query);
  }

  search(query: string): Promise<void> {
    const p = this.runSearch(query);
    this.pendingSearch = p;
    void p.finally(() => {
      if (this.pendingSearch === p) this.pendingSearch = null;
    });
    return p;
  }

  private async runSearch(query: string): Promise<void> {
    if (query !== this.query) this.entered = null;
    this.query = query;
    const seq = ++this.searchSeq;
    if (this.app.phase !== 'done') return;
    if (!query.trim()) {
      this.marks = null;
      this.hits = 0;
      this.searchError = null;
      this.searching = false;
      await this.app.client.cancelSearch().catch(() => {});
      return;
    }
    this.searching = true;
    try {
      const a = await this.app.client.search(this.exec, query);
      if (seq !== this.searchSeq) return;
      this.searchError = a.error;
      this.marks = a.marks;
      this.hits = a.count;
    } catch (err) {
      if (seq !== this.searchSeq) return;
      if (err instanceof Error && err.name === 'SearchCancelled') return;
      if (err instanceof RegexTimeBudget) {
        this.marks = null;
        this.hits = 0;
        this.searchError = err.message;
        // The analysis lived in the replaced worker.
        const q = this.query;
        this.query = '';
        await this.app.recoverAfterReplace(`${err.message} The analysis was run again.`);
        this.query = q;
        this.searchError = err.message;
        return;
      }
      this.app.failed(err);
    } finally {
      if (seq === this.searchSeq) this.searching = false;
    }
  }
}
