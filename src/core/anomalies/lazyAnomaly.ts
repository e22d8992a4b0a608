/**
 * An anomaly whose summary is written when it is read, not when it is found.
 * A million events can give tens of thousands of anomalies (every backwards
 * message is one), and most summaries are never shown: the words report
 * lists a hundred findings, the page a screenful. Each was a string of about
 * 200 characters made of a dozen pieces joined (a tree of strings until it
 * is first read), about a third of the anomalies' memory and of the time to
 * find them. Here a summary is made at each read from what its detector
 * kept (`say`, over values the anomaly holds anyway), and not kept.
 *
 * `summary` is an accessor, not an own field: read it, never spread or
 * clone the object to get it (the document writer, the sessions and the
 * report all read `.summary`).
 */
import type { Anomaly, AnomalyKind, AnomalySeverity } from './anomaly';

export class LazyAnomaly implements Anomaly {
  readonly #say: () => string;

  constructor(
    public kind: AnomalyKind,
    public severity: AnomalySeverity,
    public events: number[],
    public detail: Record<string, unknown>,
    say: () => string,
  ) {
    this.#say = say;
  }

  get summary(): string {
    return this.#say();
  }
}
