/**
 * The loop over key groups. Each member's role is resolved into `resolved`:
 * a reply is a receive on a process that sent earlier in the group (the
 * client), else a send (the server). Then every channel (sender process A,
 * receiver process B ≠ A) gets the sends of A that may go to B and the
 * receives of B that may come from A (Endpoints.accepts on the members'
 * peers). A channel of one send and one receive is paired here (attempts,
 * where both have one, must agree), counted first so it needs no lists; any
 * other goes to `decide` (decideChannel.ts). A group whose sender × receiver
 * processes pass MAX_CHANNELS is no message and is said so.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { M, runsByProcess } from './groupMembers';
import { MessageRole } from './messageConventions';
import type { Endpoints } from './endpoints';

/** Beyond this many sender × receiver process pairs a group is no message. */
const MAX_CHANNELS = 1_000_000;

export function pairChannels(
  x: Execution,
  ends: Endpoints,
  start: Uint32Array,
  mem: Int32Array,
  resolved: Uint8Array,
  push: (s: number, r: number, g: number) => void,
  decide: (g: number, out: number[], inn: number[]) => void,
  diagnostics: DiagnosticSink,
): void {
  const G = ends.groupCount;
  const P = x.processNames.length;
  // Per group, its sends and receives (as member indices) and their runs by process: one set
  // of arrays for every group (most groups are one send and one receive).
  let largest = 0;
  for (let g = 0; g < G; g++) if (start[g + 1]! - start[g]! > largest) largest = start[g + 1]! - start[g]!;
  const sends = new Uint32Array(largest);
  const recvs = new Uint32Array(largest);
  const sendRuns = new Uint32Array(2 * largest);
  const recvRuns = new Uint32Array(2 * largest);
  for (let g = 0; g < G; g++) {
    const a = start[g]!;
    const b = start[g + 1]!;
    let ns = 0;
    let nr = 0;
    let proc = -1;
    let sentHere = false;
    for (let i = a; i < b; i++) {
      const procRole = mem[i * M + 1]!;
      if (procRole >> 2 !== proc) {
        proc = procRole >> 2;
        sentHere = false;
      }
      let r = procRole & 3;
      if (r === MessageRole.Reply) r = sentHere ? MessageRole.Receive : MessageRole.Send;
      else if (r === MessageRole.Send) sentHere = true;
      resolved[mem[i * M]!] = r;
      if (r === MessageRole.Send) sends[ns++] = i;
      else if (r === MessageRole.Receive) recvs[nr++] = i;
    }
    if (ns === 0 || nr === 0 || mem[a * M + 1]! >> 2 === mem[(b - 1) * M + 1]! >> 2) continue;
    if (ns === 1 && nr === 1) {
      // One send and one receive (most groups): their one channel, if on two processes, as below.
      const s = sends[0]!;
      const r = recvs[0]!;
      const A = mem[s * M + 1]! >> 2;
      const B = mem[r * M + 1]! >> 2;
      if (A !== B && accepts(ends, P, mem[s * M + 2]!, B) && accepts(ends, P, mem[r * M + 3]!, A)) {
        const ao = mem[s * M + 4]!;
        const ai = mem[r * M + 4]!;
        if (ao < 0 || ai < 0 || ao === ai) push(mem[s * M]!, mem[r * M]!, g);
      }
      continue;
    }
    const sendRunEnd = runsByProcess(mem, sends, ns, sendRuns);
    const recvRunEnd = runsByProcess(mem, recvs, nr, recvRuns);
    if ((sendRunEnd / 2) * (recvRunEnd / 2) > MAX_CHANNELS) {
      const e = mem[a * M]!;
      diagnostics.add(
        x.inputs[x.eventInput[e]!]!,
        x.eventLine[e]!,
        'warning',
        `${ends.keyOf(g)} is on ${b - a} events across too many processes to be one message; not used for edges`,
      );
      continue;
    }
    for (let s = 0; s < sendRunEnd; s += 2) {
      const A = mem[sends[sendRuns[s]!]! * M + 1]! >> 2;
      for (let t = 0; t < recvRunEnd; t += 2) {
        const B = mem[recvs[recvRuns[t]!]! * M + 1]! >> 2;
        if (A === B) continue;
        // Counted first: a channel of one send and one receive (the most common) needs no lists.
        let outCount = 0;
        let oneOut = 0;
        let innCount = 0;
        let oneInn = 0;
        for (let i = sendRuns[s]!; i < sendRuns[s + 1]!; i++)
          if (accepts(ends, P, mem[sends[i]! * M + 2]!, B)) {
            outCount++;
            oneOut = sends[i]!;
          }
        if (outCount === 0) continue;
        for (let i = recvRuns[t]!; i < recvRuns[t + 1]!; i++)
          if (accepts(ends, P, mem[recvs[i]! * M + 3]!, A)) {
            innCount++;
            oneInn = recvs[i]!;
          }
        if (innCount === 0) continue;
        if (outCount === 1 && innCount === 1) {
          const ao = mem[oneOut * M + 4]!;
          const ai = mem[oneInn * M + 4]!;
          if (ao < 0 || ai < 0 || ao === ai) push(mem[oneOut * M]!, mem[oneInn * M]!, g);
          continue;
        }
        const out: number[] = [];
        const inn: number[] = [];
        for (let i = sendRuns[s]!; i < sendRuns[s + 1]!; i++) if (accepts(ends, P, mem[sends[i]! * M + 2]!, B)) out.push(mem[sends[i]! * M]!);
        for (let i = recvRuns[t]!; i < recvRuns[t + 1]!; i++) if (accepts(ends, P, mem[recvs[i]! * M + 3]!, A)) inn.push(mem[recvs[i]! * M]!);
        decide(g, out, inn);
      }
    }
  }
}

/** ends.accepts, its two plain cases inline: no peer named, or one process (a reference below P is that process). */
function accepts(ends: Endpoints, P: number, ref: number, p: number): boolean {
  return ref < 0 || (ref < P ? ref === p : ends.accepts(ref, p));
}
