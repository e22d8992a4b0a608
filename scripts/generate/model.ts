/**
 * A synthetic multi-process execution with known ground truth, for the bench
 * and tests. Independent of src/core: it only simulates and records.
 *
 * Simulation: one global (true) clock advances by a random gap per event. Each
 * event is, by the configured shares, a receive of a message that has arrived
 * (the delivery with the earliest arrival, if it is due), a send (unicast, or
 * multicast to `fanout` other processes; some unicasts lose their first
 * attempt and are sent again, same id, attempt 2, after a timeout) or a local
 * event. Every delivered copy is one true message edge send → receive.
 *
 * Wall clocks: processes sit on hosts (clock domains); a host's clock reads
 * true time + skew + drift (ppm of elapsed time) + an optional step at some
 * instant. Stamps are whole microseconds, so expected clock-skew anomalies
 * (a receive stamped before its send, across hosts) are known exactly.
 */

export interface GenOptions {
  events: number;
  processes: number;
  /** Clock domains; processes are spread over them round-robin. Default processes/4 (at least 1). */
  hosts?: number;
  /** Share of events that are receives. Default 0.2. */
  receiveShare?: number;
  /** Share of new sends that are multicast. Default 0.05. */
  multicastShare?: number;
  /** Receivers of a multicast. Default 3 (capped by processes - 1). */
  fanout?: number;
  /** Share of unicasts whose first attempt is lost and retried. Default 0.02. */
  retryShare?: number;
  /** Host skews are uniform in ±skewMs; host 0 is the reference (0). Default 5. */
  skewMs?: number;
  /** Host drifts are uniform in ±driftPpm; host 0 has none. Default 50. */
  driftPpm?: number;
  /** One host (the last) steps its clock by this many ms halfway through. Default 200; 0 for none. */
  stepMs?: number;
  /** Mean true-time gap between consecutive events, µs. Default 50. */
  gapUs?: number;
  /** Network delay range, µs. Default 200 .. 2000. */
  minDelayUs?: number;
  maxDelayUs?: number;
  /** Retry timeout, µs. Default 5000. */
  retryAfterUs?: number;
  /** Locals and sends on process i mod processes instead of a random one, so N = P gives each process one event (with no receives). */
  roundRobin?: boolean;
  seed?: number;
}

export const EventType = { Local: 0, Send: 1, Receive: 2 } as const;

export interface HostClock {
  name: string;
  skewMs: number;
  driftPpm: number;
  /** Clock step: at true µs `atUs` (relative to start), the clock jumps by `ms`. */
  step: { atUs: number; ms: number } | null;
}

export interface Simulation {
  options: ResolvedOptions;
  /** Start of true time, µs since the epoch. */
  startUs: number;
  processNames: string[];
  hostOf: Uint16Array;
  hosts: HostClock[];
  n: number;
  /** Per event, in global true-time order (each process's events in program order). */
  proc: Uint16Array;
  type: Uint8Array;
  /** True time, µs since start. */
  trueUs: Float64Array;
  /** Stamp the host clock wrote, whole µs since start (may be negative before skew). */
  stampUs: Float64Array;
  /** Message number of a send or receive, -1 for local events. */
  msg: Int32Array;
  /** A unicast send's destination, a receive's sender process; -1 otherwise (multicast sends). */
  peer: Int16Array;
  /** 0: no attempt field; else the attempt number (retried messages carry it on every endpoint). */
  attempt: Uint8Array;
  /** Per receive: the send event it receives (the true edge); -1 for other events. */
  sendOf: Int32Array;
  /** A small number choosing the line's wording. */
  variant: Uint8Array;
  counts: {
    edges: number;
    sends: number;
    receives: number;
    locals: number;
    multicastSends: number;
    retrySends: number;
    lostSends: number;
    undeliveredAtEnd: number;
    /** Edges across hosts whose receive is stamped strictly before its send. */
    skewedEdges: number;
  };
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 2026-03-14T09:00:00Z, in µs. */
export const START_US = Date.UTC(2026, 2, 14, 9, 0, 0) * 1000;

/** Options with defaults filled in; roundRobin only when set, so the ground truth of earlier inputs reads the same. */
export type ResolvedOptions = Required<Omit<GenOptions, 'roundRobin'>> & Pick<GenOptions, 'roundRobin'>;

export function withDefaults(o: GenOptions): ResolvedOptions {
  const P = Math.max(1, Math.floor(o.processes));
  return {
    events: Math.max(0, Math.floor(o.events)),
    processes: P,
    hosts: Math.min(P, Math.max(1, Math.floor(o.hosts ?? Math.max(1, Math.floor(P / 4))))),
    receiveShare: o.receiveShare ?? 0.2,
    multicastShare: o.multicastShare ?? 0.05,
    fanout: Math.max(1, Math.min(P - 1, o.fanout ?? 3)),
    retryShare: o.retryShare ?? 0.02,
    skewMs: o.skewMs ?? 5,
    driftPpm: o.driftPpm ?? 50,
    stepMs: o.stepMs ?? 200,
    gapUs: o.gapUs ?? 50,
    minDelayUs: o.minDelayUs ?? 200,
    maxDelayUs: o.maxDelayUs ?? 2000,
    retryAfterUs: o.retryAfterUs ?? 5000,
    seed: (o.seed ?? 1) >>> 0,
    ...(o.roundRobin && { roundRobin: true }),
  };
}

export function simulate(options: GenOptions): Simulation {
  const o = withDefaults(options);
  const rand = rng(o.seed);
  const N = o.events;
  const P = o.processes;
  const H = o.hosts;
  const width = Math.max(2, String(P - 1).length);
  const processNames = Array.from({ length: P }, (_, p) => `svc-${String(p).padStart(width, '0')}`);
  const hostWidth = Math.max(2, String(H - 1).length);
  const hostOf = new Uint16Array(P);
  for (let p = 0; p < P; p++) hostOf[p] = p % H;
  const durationUs = N * o.gapUs;
  const round3 = (v: number) => Math.round(v * 1000) / 1000;
  const hosts: HostClock[] = Array.from({ length: H }, (_, h) => ({
    name: `host-${String(h).padStart(hostWidth, '0')}`,
    skewMs: h === 0 ? 0 : round3((rand() * 2 - 1) * o.skewMs),
    driftPpm: h === 0 ? 0 : round3((rand() * 2 - 1) * o.driftPpm),
    step: h === H - 1 && H > 1 && o.stepMs !== 0 ? { atUs: Math.round(durationUs / 2), ms: o.stepMs } : null,
  }));

  const proc = new Uint16Array(N);
  const type = new Uint8Array(N);
  const trueUs = new Float64Array(N);
  const stampUs = new Float64Array(N);
  const msg = new Int32Array(N).fill(-1);
  const peer = new Int16Array(N).fill(-1);
  const attempt = new Uint8Array(N);
  const sendOf = new Int32Array(N).fill(-1);
  const variant = new Uint8Array(N);
  const counts = { edges: 0, sends: 0, receives: 0, locals: 0, multicastSends: 0, retrySends: 0, lostSends: 0, undeliveredAtEnd: 0, skewedEdges: 0 };

  // In-flight deliveries: a binary min-heap on arrival time, of delivery records.
  const dArrival: number[] = [];
  const dSend: number[] = []; // send event
  const dTo: number[] = [];
  const heap: number[] = [];
  const free: number[] = [];
  const less = (a: number, b: number) => dArrival[heap[a]!]! < dArrival[heap[b]!]! || (dArrival[heap[a]!] === dArrival[heap[b]!] && heap[a]! < heap[b]!);
  const push = (arrival: number, send: number, to: number) => {
    let d: number;
    if (free.length) {
      d = free.pop()!;
      dArrival[d] = arrival;
      dSend[d] = send;
      dTo[d] = to;
    } else {
      d = dArrival.length;
      dArrival.push(arrival);
      dSend.push(send);
      dTo.push(to);
    }
    heap.push(d);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(l, m)) m = l;
        if (r < heap.length && less(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    free.push(top);
    return top;
  };

  // Per process, lost first attempts waiting to be retried: [dueUs, msg, to].
  const retries: [number, number, number][][] = Array.from({ length: P }, () => []);
  const fanoutMean = 1 - o.multicastShare + o.multicastShare * o.fanout;
  const sendShare = Math.min(1 - o.receiveShare, o.receiveShare / fanoutMean / (1 - o.retryShare));
  const delay = () => o.minDelayUs + rand() * (o.maxDelayUs - o.minDelayUs);
  const other = (p: number) => {
    const q = Math.floor(rand() * (P - 1));
    return q >= p ? q + 1 : q;
  };
  let nextMsg = 0;
  let now = 0;
  for (let i = 0; i < N; i++) {
    now += -Math.log(1 - rand()) * o.gapUs;
    trueUs[i] = now;
    variant[i] = Math.floor(rand() * 8);
    const u = rand();
    if (u < o.receiveShare && heap.length > 0 && dArrival[heap[0]!]! <= now) {
      const d = pop();
      const s = dSend[d]!;
      const to = dTo[d]!;
      proc[i] = to;
      type[i] = EventType.Receive;
      msg[i] = msg[s]!;
      peer[i] = proc[s]!;
      attempt[i] = attempt[s]!;
      sendOf[i] = s;
      counts.receives++;
      counts.edges++;
      continue;
    }
    if (P >= 2 && u < o.receiveShare + sendShare) {
      const p = o.roundRobin ? i % P : Math.floor(rand() * P);
      proc[i] = p;
      type[i] = EventType.Send;
      counts.sends++;
      const due = retries[p]!;
      if (due.length > 0 && due[0]![0]! <= now) {
        const [, m, to] = due.shift()!;
        msg[i] = m!;
        peer[i] = to!;
        attempt[i] = 2;
        counts.retrySends++;
        push(now + delay(), i, to!);
        continue;
      }
      const m = nextMsg++;
      msg[i] = m;
      if (P > 2 && rand() < o.multicastShare) {
        counts.multicastSends++;
        const chosen = new Set<number>();
        while (chosen.size < o.fanout) chosen.add(other(p));
        for (const to of [...chosen].sort((a, b) => a - b)) push(now + delay(), i, to);
        continue;
      }
      const to = other(p);
      peer[i] = to;
      if (rand() < o.retryShare) {
        attempt[i] = 1;
        counts.lostSends++;
        due.push([now + o.retryAfterUs, m, to]);
        continue;
      }
      push(now + delay(), i, to);
      continue;
    }
    proc[i] = o.roundRobin ? i % P : Math.floor(rand() * P);
    type[i] = EventType.Local;
    counts.locals++;
  }
  counts.undeliveredAtEnd = heap.length;

  for (let i = 0; i < N; i++) stampUs[i] = stampOf(hosts[hostOf[proc[i]!]!]!, trueUs[i]!);
  for (let i = 0; i < N; i++) {
    const s = sendOf[i]!;
    if (s < 0) continue;
    if (hostOf[proc[s]!] !== hostOf[proc[i]!] && stampUs[i]! < stampUs[s]!) counts.skewedEdges++;
  }
  return { options: o, startUs: START_US, processNames, hostOf, hosts, n: N, proc, type, trueUs, stampUs, msg, peer, attempt, sendOf, variant, counts };
}

/** The host clock's reading at true time t (µs since start), in whole µs. */
export function stampOf(h: HostClock, t: number): number {
  let v = t + h.skewMs * 1000 + (h.driftPpm * t) / 1e6;
  if (h.step && t >= h.step.atUs) v += h.step.ms * 1000;
  return Math.round(v);
}

/** The ground truth written next to generated logs. */
export function groundTruth(sim: Simulation, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const o = sim.options;
  const processesOf: string[][] = sim.hosts.map(() => []);
  sim.processNames.forEach((name, p) => processesOf[sim.hostOf[p]!]!.push(name));
  return {
    schema: 'causeway.generated-truth/1',
    options: o,
    start: new Date(sim.startUs / 1000).toISOString(),
    events: sim.n,
    processes: sim.processNames.length,
    edges: sim.counts.edges,
    counts: sim.counts,
    hosts: sim.hosts.map((h, i) => ({
      name: h.name,
      processes: processesOf[i]!,
      // Offset of this host's clock from true time (= host-00) at the start, and its drift.
      offsetMs: h.skewMs,
      driftPpm: h.driftPpm,
      step: h.step && { at: new Date((sim.startUs + h.step.atUs) / 1000).toISOString(), ms: h.step.ms },
    })),
    ...extra,
  };
}
