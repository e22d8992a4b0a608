/**
 * An ExecutionBuilder that also remembers what merging parts read apart
 * needs and a built Execution no longer says: for each event, the reading
 * window (the input being read, or the parsers' finish) it was added in; for
 * each process, the clock domains a parser named explicitly (a built part
 * cannot tell "domain = own name by default" from "named so"); and the
 * string-table size at the end of each input, so a merge can intern strings
 * in the order one reader over all inputs would have.
 *
 * The window is shared by every builder of one read (`WindowClock`): the read
 * loop moves it before each input, so builders created mid-read agree. It
 * only moves forward, so the events of a window are a run of handles: each
 * mark also notes the events so far, and nothing is kept per event while
 * reading.
 */
import { freshString } from '../base/stringTable';
import { ExecutionBuilder } from '../model/executionBuilder';
import type { ExecutionPart } from './partResult';

/** The current reading window: an index into the reader's list of input names; that list's length means finish(). */
export interface WindowClock {
  window: number;
}

export class PartBuilder extends ExecutionBuilder {
  /** Per process name given a domain explicitly: the last one given. */
  readonly explicitDomain = new Map<string, string>();
  /** Process names given more than one distinct explicit domain. */
  readonly severalDomains = new Set<string>();
  /** After each window that had this builder: [window, strings.size]. */
  readonly stringMarks: number[] = [];
  /** Beside each mark: the events added so far (those of its window are the ones since the mark before). */
  readonly eventMarks: number[] = [];

  constructor(
    name: string,
    private readonly clock: WindowClock,
  ) {
    super(name);
  }

  override process(name: string, clockDomain?: string): number {
    if (clockDomain !== undefined) {
      const was = this.explicitDomain.get(name);
      if (was !== clockDomain) {
        if (was !== undefined) this.severalDomains.add(name);
        this.explicitDomain.set(freshString(name), freshString(clockDomain));
      }
    }
    return super.process(name, clockDomain);
  }

  /** Called by the read loop when a window ends. */
  markWindow(window: number): void {
    this.stringMarks.push(window, this.strings.size);
    this.eventMarks.push(this.eventCount);
  }

  /** Per event (handle order): the window it was added in; events after the last mark are in the current one (the parsers' finish). */
  handleWindows(): Uint32Array {
    const windows = new Uint32Array(this.eventCount);
    let from = 0;
    this.eventMarks.forEach((to, i) => {
      windows.fill(this.stringMarks[2 * i]!, from, to);
      from = to;
    });
    windows.fill(this.clock.window, from);
    return windows;
  }

  buildPart(domainOf: Readonly<Record<string, string>> | undefined, windowNames: readonly string[]): ExecutionPart {
    return buildPart(this, domainOf, windowNames);
  }
}

/**
 * The builder's execution (built as analyze() builds it) with what merging
 * needs besides: the reading window of each event in built order, the
 * explicit domains and the string marks. `windowNames`: the reader's inputs,
 * which windows index.
 */
export function buildPart(b: ExecutionBuilder, domainOf: Readonly<Record<string, string>> | undefined, windowNames: readonly string[]): ExecutionPart {
  const x = b.build(domainOf);
  const part = b instanceof PartBuilder ? b : null;
  // build() keeps each process's events in the order added, processes by name: the same walk puts windows in built order.
  const eventWindow = new Uint32Array(x.eventCount);
  if (part) {
    const at = new Map(x.processNames.map((n, i) => [n, i]));
    const rank = x.processNames.map((_, p) => at.get(b.processName(p))!);
    const cursor = x.procStart.slice(0, x.processNames.length);
    const windows = part.handleWindows();
    for (let h = 0; h < x.eventCount; h++) eventWindow[cursor[rank[b.processOf(h)]!]!++] = windows[h]!;
  }
  const explicit = part ? [...part.explicitDomain] : [];
  return {
    execution: x,
    eventWindow,
    windowNames,
    explicitNames: explicit.map(([n]) => n),
    explicitDomains: explicit.map(([, d]) => d),
    severalDomains: part ? [...part.severalDomains] : [],
    stringMarks: Uint32Array.from(part ? part.stringMarks : []),
  };
}
