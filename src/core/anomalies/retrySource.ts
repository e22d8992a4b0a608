/**
 * Who repeated a request, told from its unit (retries.ts lists the rules):
 * `client` when one process sent it twice, or sent it as a retry (an attempt
 * above 1 or after a retry line about the key); `broker` when a delivery says
 * it is a redelivery or one send was delivered twice over (to one process,
 * twice in one consumer group, to two instances of one service that no group
 * field sets apart, or to two members of the group the send named); `server`
 * when one process received it twice from one sender (or from none in the
 * logs); else it is no retry. The first that applies is the answer.
 *
 * A send's deliveries are checked with arrays marked with a stamp per send
 * (the processes delivered to, and per service, numbered once per process,
 * the consumer group of its last delivery): made once, not a Set and a Map
 * per send.
 */
import { serviceOf } from '../correlate/correlationProposals';
import type { MessageEnds } from '../correlate/messageEnds';
import type { Execution } from '../model/execution';
import { CONSUMER_GROUP_FIELDS } from './retryFields';
import type { OutEdges } from './retryOutcome';
import type { RetryUnit } from './retryUnits';

export type RetrySource = 'client' | 'broker' | 'server';

export class RetrySources {
  private readonly procMark: Int32Array;
  private readonly serviceOfProc: Int32Array;
  private readonly serviceIds = new Map<string, number>();
  private readonly serviceMark: Int32Array;
  private readonly serviceGroup: Int32Array;
  private readonly groupKeys: Set<number>;
  private stamp = 0;

  constructor(
    private readonly x: Execution,
    private readonly ends: MessageEnds,
    private readonly sendOf: Int32Array,
    private readonly edges: OutEdges,
    /** Per send: 1 when its process logged a retry line about the key before it. */
    private readonly afterRetryLine: Uint8Array,
    /** Whether a send's attempt field reads above 1. */
    private readonly retryAttempt: (e: number) => boolean,
    /** null: no event carries a redelivery flag or count. */
    private readonly isRedelivered: ((e: number) => boolean) | null,
  ) {
    const P = x.processNames.length;
    this.procMark = new Int32Array(P).fill(-1);
    this.serviceOfProc = new Int32Array(P).fill(-1);
    this.serviceMark = new Int32Array(P).fill(-1);
    this.serviceGroup = new Int32Array(P);
    this.groupKeys = new Set(CONSUMER_GROUP_FIELDS.map((f) => x.strings.find(f)).filter((id) => id >= 0));
  }

  /** Who repeated the unit's request, or null when it is no retry. */
  of(u: RetryUnit): RetrySource | null {
    const { x, ends, sendOf, afterRetryLine, isRedelivered, procMark, serviceOfProc, serviceIds, serviceMark, serviceGroup } = this;
    const { outStart, outTo } = this.edges;
    const { eventProc } = x;
    const P = x.processNames.length;
    const { sends } = u;
    for (let i = 0; i < sends.length; i++) {
      const s = sends[i]!;
      // Sends are ascending and a process's events contiguous: a process's second send follows its first.
      if ((i > 0 && eventProc[sends[i - 1]!] === eventProc[s]) || this.retryAttempt(s) || afterRetryLine[s]) return 'client';
    }
    if (isRedelivered !== null) for (const r of u.recvs) if (isRedelivered(r)) return 'broker';
    for (const s of u.sends) {
      if (outStart[s + 1]! - outStart[s]! < 2) continue;
      const group = ends.peerMembers(s);
      const mark = this.stamp++;
      /** The processes delivered to, in delivery order. */
      const procs: number[] = [];
      let groups: Set<number> | null = null;
      for (let i = outStart[s]!; i < outStart[s + 1]!; i++) {
        const r = outTo[i]!;
        const p = x.eventProc[r]!;
        if (procMark[p] === mark) return 'broker';
        procMark[p] = mark;
        procs.push(p);
        const cg = this.consumerGroupOf(r);
        if (cg >= 0 && groups !== null && groups.has(cg)) return 'broker';
        if (cg >= 0) (groups ??= new Set()).add(cg);
        let v = serviceOfProc[p]!;
        if (v < 0) {
          const name = serviceOf(x.processNames[p]!).service;
          v = serviceIds.get(name) ?? serviceIds.size;
          serviceIds.set(name, v);
          serviceOfProc[p] = v;
        }
        // The consumer group of the service's last delivery before this one (-1 for none).
        if (serviceMark[v] === mark) {
          const before = serviceGroup[v]!;
          if (before < 0 || cg < 0 || before === cg) return 'broker';
        }
        serviceMark[v] = mark;
        serviceGroup[v] = cg;
      }
      let inGroup = 0;
      if (group.length > 1) for (const p of procs) if (group.includes(p)) inGroup++;
      if (inGroup >= 2) return 'broker';
    }
    const perSender = new Map<number, number>();
    for (const r of u.recvs) {
      const s = sendOf[r]!;
      const k = eventProc[r]! * (P + 1) + (s >= 0 ? eventProc[s]! + 1 : 0); // (receiver, sender or none)
      const c = (perSender.get(k) ?? 0) + 1;
      perSender.set(k, c);
      if (c >= 2) return 'server';
    }
    return null;
  }

  /** The consumer group e's fields name (string id), or -1; read only for sends delivered twice. */
  private consumerGroupOf(e: number): number {
    const { x, groupKeys } = this;
    if (groupKeys.size === 0) return -1;
    for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) if (groupKeys.has(x.fieldKey[i]!)) return x.fieldValue[i]!;
    return -1;
  }
}
