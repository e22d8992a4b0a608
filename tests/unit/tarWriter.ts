/** A minimal tar writer for tests: ustar headers, GNU long names and pax paths on request. */
const enc = new TextEncoder();

export interface TarMember {
  name: string;
  data: string | Uint8Array;
  /** How to store a name longer than 100 bytes. */
  longName?: 'gnu' | 'pax';
  type?: string;
  /** The linked name, for links (type '1' or '2'). */
  link?: string;
}

function header(name: string, size: number, type: string, link = ''): Uint8Array {
  const h = new Uint8Array(512);
  const put = (at: number, s: string) => h.set(enc.encode(s), at);
  put(0, name.slice(0, 100));
  put(100, '0000644\0');
  put(108, '0000000\0');
  put(116, '0000000\0');
  put(124, `${size.toString(8).padStart(11, '0')}\0`);
  put(136, '00000000000\0');
  put(156, type);
  put(157, link.slice(0, 100));
  put(257, 'ustar\0');
  put(263, '00');
  for (let i = 148; i < 156; i++) h[i] = 32;
  const sum = h.reduce((s, b) => s + b, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

export function tar(members: TarMember[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const m of members) {
    const data = typeof m.data === 'string' ? enc.encode(m.data) : m.data;
    let name = m.name;
    if (m.longName === 'gnu') {
      const n = enc.encode(`${m.name}\0`);
      parts.push(header('././@LongLink', n.length, 'L'), padded(n));
      name = m.name.slice(0, 99);
    } else if (m.longName === 'pax') {
      const body = ` path=${m.name}\n`;
      let len = body.length + 2;
      if (String(len).length + body.length !== len) len = String(len + 1).length + body.length;
      const rec = enc.encode(`${len}${body}`);
      parts.push(header('PaxHeader', rec.length, 'x'), padded(rec));
      name = m.name.slice(0, 99);
    }
    parts.push(header(name, data.length, m.type ?? '0', m.link), padded(data));
  }
  parts.push(new Uint8Array(1024));
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
