/**
 * Sorts indices by a Float64 key, stably (equal keys keep their input order),
 * without a comparator. A typed-array sort with a comparator calls back into
 * JavaScript for every comparison, which costs ~100 ms for 200 k messages on
 * the page's main thread; this is an LSD radix sort over the keys' bit
 * patterns, four 16-bit digits, skipping digits that are equal everywhere
 * (the high bits of nearby positions usually are), so it is a few linear passes.
 *
 * The bit pattern of a double sorts like the double once negatives have all
 * their bits flipped and non-negatives their sign bit set. NaN keys sort last;
 * -0 is taken as 0.
 */
const SMALL = 256;

export function sortIndexByKey(keys: Float64Array, index: Uint32Array): Uint32Array {
  const m = index.length;
  if (m < SMALL) return insertionSort(keys, index.slice());
  const bits = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const k = keys[index[i]!]!;
    bits[i] = Number.isNaN(k) ? Infinity : k + 0;
  }
  const words = new Uint32Array(bits.buffer);
  // Little-endian on every platform browsers and Node run on: word 2i is the low half.
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = words[2 * i + 1]!;
    let l = words[2 * i]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = h;
    lo[i] = l;
  }
  // NaN went to +Infinity above; give it a place after every real Infinity.
  for (let i = 0; i < m; i++) if (Number.isNaN(keys[index[i]!]!)) lo[i] = 0xffffffff;
  let idx = index.slice();
  let a = lo;
  let b = hi;
  let idx2 = new Uint32Array(m);
  let a2 = new Uint32Array(m);
  let b2 = new Uint32Array(m);
  const count = new Uint32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const useHi = pass >= 2;
    const shift = pass % 2 === 1 ? 16 : 0;
    const src = useHi ? b : a;
    count.fill(0);
    for (let i = 0; i < m; i++) count[((src[i]! >>> shift) & 0xffff) + 1]!++;
    if (count[((src[0]! >>> shift) & 0xffff) + 1] === m) continue; // one digit everywhere: order unchanged
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < m; i++) {
      const d = (src[i]! >>> shift) & 0xffff;
      const at = count[d]!++;
      idx2[at] = idx[i]!;
      a2[at] = a[i]!;
      b2[at] = b[i]!;
    }
    [idx, idx2] = [idx2, idx];
    [a, a2] = [a2, a];
    [b, b2] = [b2, b];
  }
  return idx;
}

function insertionSort(keys: Float64Array, idx: Uint32Array): Uint32Array {
  for (let i = 1; i < idx.length; i++) {
    const v = idx[i]!;
    const k = keys[v]!;
    let j = i - 1;
    while (j >= 0 && cmpKey(keys[idx[j]!]!, k) > 0) {
      idx[j + 1] = idx[j]!;
      j--;
    }
    idx[j + 1] = v;
  }
  return idx;
}

function cmpKey(x: number, y: number): number {
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  if (xn || yn) return xn === yn ? 0 : xn ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}
