/**
 * One incident, described once, in words no log format uses: hosts with a
 * clock offset (and at most one clock step), processes (instances of
 * services, each on a host), and events in true time, each with the role it
 * plays in a message. The renderers (shapes.ts) write it in many log shapes;
 * every shape must give the analyzer the same story back.
 *
 * Times are integer milliseconds, so every layout (ISO, epoch ms, Python's
 * comma fraction) writes them exactly and no shape loses precision another
 * keeps. Each event knows its own message partners (`edges`), which is the
 * ground truth of the happened-before the logs must yield.
 */

/** 2026-03-14T10:00:00Z: true time 0. */
export const T0_MS = Date.UTC(2026, 2, 14, 10, 0, 0);

export interface Host {
  name: string;
  /** How far this host's clock reads ahead of true time, ms. */
  offsetMs: number;
  /** The clock stepped back by backMs at true time atMs (an NTP step), or null. */
  step: { atMs: number; backMs: number } | null;
}

export interface Proc {
  /** The instance's own name: payments-1, or the service's when it has one instance. */
  name: string;
  service: string;
  host: number;
}

/**
 * What an event does with a message. A call: `request` (client sends),
 * `serve` (server receives), `reply` (server answers), `answer` (client gets
 * the answer). Through the broker, which logs nothing: `publish` and
 * `consume`. A one-way notice: `notify` (its receive is `serve`). `mention`
 * carries an id but is not the message (a commit, an audit line, a note
 * about it); `local` carries none.
 */
export type Role = 'request' | 'serve' | 'reply' | 'answer' | 'publish' | 'consume' | 'notify' | 'mention' | 'local';

export interface ModelEvent {
  /** Stable id, written into every shape's text as `#<id>`. */
  id: string;
  proc: number;
  trueMs: number;
  role: Role;
  /** The message id and whether it names a request (request_id and kin) or a message (msg_id and kin). */
  key?: { kind: 'request' | 'message'; value: string };
  /** The other end as the logs name it: a service, a process, or a topic. */
  peer?: string;
  attempt?: number;
  /** The operation, e.g. `POST /transfer` or `charge`. */
  op?: string;
  /** Words for local events and mentions. */
  note?: string;
  /** Mentions written only by shapes that write unrelated mentions (shape `mentions`). */
  noise?: boolean;
}

export interface Incident {
  hosts: Host[];
  procs: Proc[];
  /** In true-time order (ties: generation order). */
  events: ModelEvent[];
  /** Ground-truth message edges, send id → receive id. */
  edges: [string, string][];
  /** Client retries and broker redeliveries, for the model's own anomaly checks. */
  retries: ModelRetry[];
  /** The topic the broker serves, and the consumer group reading it. */
  topic: string;
  group: string;
}

export interface ModelRetry {
  /** The sends (attempts) or, for a redelivery, the one publish. */
  sends: string[];
  /** The receives that executed it. */
  received: string[];
  idempotent: boolean;
  /** A server event that says it recognised the repeat, or null. */
  evidence: string | null;
  /** Deliveries whose handler logged a side effect (a read is none). */
  worked: number;
  via: 'client' | 'broker';
}

export function stampOf(h: Host, trueMs: number): number {
  return T0_MS + trueMs + h.offsetMs - (h.step && trueMs >= h.step.atMs ? h.step.backMs : 0);
}

export function hostOf(inc: Incident, e: ModelEvent): Host {
  return inc.hosts[inc.procs[e.proc]!.host]!;
}

/** The events a shape writes: all but noise, unless it writes mentions. */
export function writtenEvents(inc: Incident, withNoise: boolean): ModelEvent[] {
  return withNoise ? inc.events : inc.events.filter((e) => !e.noise);
}
