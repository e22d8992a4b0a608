/**
 * How fast this machine's memory is right now: a fixed chase of 10 M
 * dependent loads through a 64 MB table, which no cache holds. On the VM the
 * bench was written on, the same probe took from about 400 ms to about
 * 2,300 ms within one hour while arithmetic speed stayed the same, and
 * ingest throughput (memory-bound: chunk text, string tables, columns)
 * followed it. The bench records it beside each ingest so a slow run can be
 * told from a slow phase.
 */
/** The probe's time in ms, best of `runs` (the least disturbed); its table is made for the call and dropped after. */
export function memoryProbeMs(runs = 3): number {
  const table = new Uint32Array(16 << 20);
  for (let i = 0; i < table.length; i++) table[i] = (Math.imul(i, 2654435761) >>> 0) & (table.length - 1);
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    let x = 0;
    for (let i = 0; i < 1e7; i++) {
      x = table[x]! ^ (i & 15);
      sink += x;
    }
    best = Math.min(best, performance.now() - t);
  }
  // The sum keeps the loop from being optimised away.
  if (sink === -1) console.log(sink);
  return best;
}
