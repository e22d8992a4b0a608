#!/usr/bin/env node
/**
 * Writes the sample incidents of sample-logs/: one folder per incident, with
 * the log files its servers would have written and a README, plus
 * sample-logs/index.json (the page's sample cards) and sample-logs/README.md.
 *
 * Deterministic: every timing comes from a seeded generator (mulberry32) and a
 * fixed start time, never from the clock or the environment, so running it
 * twice gives identical bytes (tests/samples checks that, and that the
 * committed files equal a fresh run).
 *
 *   node scripts/samples/generate-samples.mjs [--out DIR]   (default: sample-logs)
 *
 * The quickstart folder and sample-logs/large are not written here: the first
 * is hand-written, the second comes from `npm run sample:large`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------
// Helpers: seeded randomness, times in integer microseconds, formatting.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi]. */
const between = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (rng, list) => list[Math.floor(rng() * list.length)];

const US = 1000; // µs per ms
const SEC = 1_000_000; // µs per s
/** µs since the epoch of a UTC date on 2026-03-14. */
const at = (h, m, s = 0, ms = 0) => (Date.UTC(2026, 2, 14, h, m, s) + ms) * US;

/** ISO-8601 UTC with `digits` fractional digits (0, 3 or 6); `zone` 'Z' or '+00:00'. */
function iso(us, digits = 3, zone = 'Z') {
  const ms = Math.floor(us / US);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = String(((us % SEC) + SEC) % SEC).padStart(6, '0').slice(0, digits);
  return `${base}${digits ? `.${frac}` : ''}${zone}`;
}

const fixed = (v, d) => v.toFixed(d);
/** A JSON line with keys in the order given. */
const jsonLine = (obj) => JSON.stringify(obj);
/** logfmt value: quoted when it has spaces or quotes. */
const lf = (v) => (/[\s"=]/.test(String(v)) ? JSON.stringify(String(v)) : String(v));
const logfmtLine = (obj) =>
  Object.entries(obj)
    .map(([k, v]) => `${k}=${lf(v)}`)
    .join(' ');

/**
 * Lines in the order they were written: by true time `k` where given (a clock that was stepped
 * writes stamps out of order), else by the stamp `t`; stable; joined with a final newline.
 */
function linesByTime(entries) {
  return (
    entries
      .map((e, i) => ({ ...e, i }))
      .sort((a, b) => (a.k ?? a.t) - (b.k ?? b.t) || a.i - b.i)
      .map((e) => e.line)
      .join('\n') + '\n'
  );
}

/** Text table padded like kubectl's tabwriter (3 spaces between columns). */
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + 3)))
      .join('')
      .trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n') + '\n';
}

const POD_CHARS = 'bcdfghjklmnpqrstvwxz2456789';
const podSuffix = (rng) => Array.from({ length: 5 }, () => pick(rng, POD_CHARS)).join('');

/** kubectl's relative age: 45s, 3m10s, 12m. */
function age(sec) {
  const s = Math.max(0, Math.floor(sec));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  return `${m}m`;
}

// ---------------------------------------------------------------------------
// 1. Clock-skew trade ordering (rsyslog text logs, µs stamps).

function clockSkewTrades() {
  const rng = mulberry32(101);
  const SKEW = -50 * US; // trade-b's clock reads 50 ms behind trade-a's
  const engine = [];
  const hedger = [];
  const eLine = (t, msg) => engine.push({ t, line: `${iso(t, 6, '+00:00')} trade-a matching-engine[4121]: ${msg}` });
  const hLine = (t, msg) => hedger.push({ t: t + SKEW, line: `${iso(t + SKEW, 6, '+00:00')} trade-b hedger[2870]: ${msg}` });

  let t = at(14, 30, 0, 0);
  eLine(t - 2 * SEC, 'session open: market ACME, ACMEF; book rebuilt from snapshot seq=88410012');
  hLine(t - 1.5 * SEC, 'connected to matching-engine (trade-a:9100), risk limits loaded: max_delta=2000');
  const d1s = [];
  const d2s = [];
  const rounds = [];
  const sides = ['BUY', 'SELL'];
  let px = 101.25;
  for (let i = 0; i < 6; i++) {
    t += between(rng, 240, 460) * US + between(rng, 0, 999);
    const side = sides[i % 2 === 0 ? 0 : between(rng, 0, 1)];
    const qty = between(rng, 2, 9) * 100;
    px += (between(rng, -4, 4) * 5) / 100;
    const order = `O-${1001 + i}`;
    const trade = `T-${5001 + i}`;
    const hedge = `H-${9001 + i}`;
    const client = pick(rng, ['FUND-7', 'FUND-12', 'MM-3', 'FUND-7']);
    hLine(t - between(rng, 20, 60) * US, `md tick ACME bid=${fixed(px - 0.01, 2)} ask=${fixed(px + 0.01, 2)}`);
    eLine(t, `order accepted order_id=${order} client=${client} side=${side} sym=ACME qty=${qty} px=${fixed(px, 2)}`);
    const matched = t + between(rng, 60, 110);
    eLine(matched, `match trade_id=${trade} order_id=${order} qty=${qty} px=${fixed(px, 2)} latency_us=${matched - t}`);
    const sent = matched + between(rng, 30, 70);
    eLine(sent, `fill published trade_id=${trade} msg_id=fill-${trade} dir=send to=hedger`);
    const d1 = between(rng, 180, 420);
    d1s.push(d1);
    const got = sent + d1;
    hLine(got, `fill received trade_id=${trade} msg_id=fill-${trade} dir=recv from=matching-engine`);
    const hedgeSide = side === 'BUY' ? 'SELL' : 'BUY';
    hLine(got + between(rng, 40, 90), `position ACME ${side === 'BUY' ? '+' : '-'}${qty}; hedge needed: ${hedgeSide} ${qty} ACMEF`);
    const out = got + between(rng, 120, 260);
    hLine(out, `hedge order out order_id=${hedge} msg_id=hedge-${hedge} dir=send to=matching-engine side=${hedgeSide} sym=ACMEF qty=${qty}`);
    const d2 = between(rng, 200, 450);
    d2s.push(d2);
    eLine(out + d2, `order accepted order_id=${hedge} client=HEDGER side=${hedgeSide} sym=ACMEF qty=${qty} msg_id=hedge-${hedge} dir=recv from=hedger`);
    eLine(out + d2 + between(rng, 50, 90), `order resting order_id=${hedge} book=ACMEF level=${between(rng, 1, 3)}`);
    rounds.push({ trade, hedge, sentUs: sent, gotUs: got });
  }
  const minD1 = Math.min(...d1s) / US;
  const minD2 = Math.min(...d2s) / US;
  const high = -50 + minD1;
  const low = -50 - minD2;
  const estimate = (low + high) / 2;
  const gaps = d1s.map((d) => 50 - d / US);
  const fmt3 = (v) => v.toFixed(3);
  const readme = `# Clock-skew trade ordering: two trading servers 50 ms apart

**What happened.** \`matching-engine\` on host trade-a matches client orders. Each fill is published to
\`hedger\` on host trade-b, which answers with a hedge order. trade-b's time daemon had stopped, and its
clock had drifted **50 ms behind** trade-a's. The network between the two machines takes only 0.2–0.5 ms.
So hedger stamps every fill it receives about 50 ms *before* the engine stamped sending it.

If you merge the two logs and sort them by timestamp, each hedge order (\`hedge order out …\`) lands ahead
of the trade that caused it (\`match trade_id=…\`). A replay or an audit that trusts the sort processes the
hedges before their trades. No single clock orders events on two machines: only messages do.

Files: \`trade-a.log\` and \`trade-b.log\`, rsyslog's high-precision format (ISO-8601, microseconds,
\`host program[pid]:\`), with \`msg_id\`, \`dir\`, \`to\` and \`from\` pairs in the messages.

**What the analyzer shows.**
- 2 processes (matching-engine on clock domain trade-a, hedger on trade-b), ${engine.length + hedger.length} events, 12 message edges (\`message-id\`).
- **6 \`clock-skew\` warnings**, one per fill (\`msg_id=fill-T-5001\` … \`fill-T-5006\`): "trade-b's clock is at least
  ${fmt3(Math.min(...gaps))}–${fmt3(Math.max(...gaps))} ms behind trade-a's". Each gap is 50 ms minus that message's network delay.
- trade-b's offset relative to trade-a is bounded to **[${fmt3(low)}, ${fmt3(high)}] ms**, estimate **${fmt3(estimate)} ms**. The fills
  (engine → hedger) bound it from above, and the hedge orders (hedger → engine) bound it from below.
- Inversions: 6 with the raw times, 0 with the corrected times. The events list is in causal order, so each
  hedge order follows the trade it answers.

**What to click.** Open the sample and look at the lane diagram: the fill arrows run *backwards* in raw time.
Switch the time axis to corrected times and the arrows run forward. Click a clock-skew anomaly to select its
send and receive. The Charts tab shows trade-b's offset interval as a band, with its estimate.
`;
  return {
    id: 'clock-skew-trades',
    title: 'Clock-skew trade ordering',
    summary: 'Two trading servers whose clocks are 50 ms apart: a timestamp sort puts hedge orders before the trades that caused them, and the analyzer orders them by causality and bounds the skew.',
    teaches: 'No global clock: timestamps from different machines cannot order events; happened-before (messages) can, and bounds the skew.',
    files: { 'trade-a.log': linesByTime(engine), 'trade-b.log': linesByTime(hedger) },
    readme,
    facts: { low, high, estimate, gaps, rounds: rounds.length },
  };
}

// ---------------------------------------------------------------------------
// 2. The double transfer, and the same flow with an idempotency key (JSON lines).

function transfer(idempotent) {
  const rng = mulberry32(idempotent ? 202 : 201);
  const api = [];
  const ledger = [];
  const notifier = [];
  // Clock offsets (µs): small, below the network delays, so no skew here.
  const A = 600;
  const L = -900;
  const N = 300;
  const line = (list, off, svc, host) => (t, fields) =>
    list.push({ t: t + off, line: jsonLine({ ts: iso(t + off, 3), level: fields.level ?? 'info', service: svc, host, ...omit(fields, 'level') }) });
  const a = line(api, A, 'web-api', 'api-2');
  const l = line(ledger, L, 'ledger', 'ledger-1');
  const n = line(notifier, N, 'notifier', 'notify-1');
  const ik = 'ik-7c2e9b10-5521';
  const req = idempotent ? ['tr-4b81e2', 'tr-4b81f7'] : ['tr-3f9a1c', 'tr-3f9a1c'];
  const extra = idempotent ? { idempotency_key: ik } : {};

  let t = at(16, 42, 7, 118) + 412;
  a(t - 180 * US, { msg: 'GET /v1/accounts/acc-5521-chk/balance 200', user: 'u-5521', latency_ms: 14 });
  a(t, { msg: 'transfer requested by user', user: 'u-5521', amount: '100.00', currency: 'USD', from_account: 'acc-5521-chk', to_account: 'acc-7310-sav' });
  const send1 = t + between(rng, 900, 1400);
  a(send1, { msg: 'calling ledger: POST /v1/transfers', request_id: req[0], ...extra, attempt: 1, dir: 'send', to: 'ledger', method: 'POST', timeout_ms: 2000 });
  const recv1 = send1 + between(rng, 1100, 1900);
  l(recv1, { msg: 'POST /v1/transfers received', request_id: req[0], ...extra, attempt: 1, dir: 'recv', from: 'web-api', amount: '100.00', currency: 'USD' });
  if (idempotent) l(recv1 + 310, { msg: 'idempotency key reserved', idempotency_key: ik, request_id: req[0] });
  l(recv1 + 640, { msg: 'waiting for row lock on acc-5521-chk (held by txn-88117, nightly interest batch)', txn: 'txn-88120' });
  const lockWait = between(rng, 2150, 2290) * US;
  l(recv1 + lockWait, { level: 'warn', msg: `slow query: row lock wait ${Math.round(lockWait / US)} ms`, txn: 'txn-88120', table: 'accounts' });
  const commit1 = recv1 + lockWait + between(rng, 4, 9) * US;
  l(commit1 - 2100, { msg: 'debited acc-5521-chk 100.00 USD, credited acc-7310-sav', txn: 'txn-88120', balance_after: '1140.00' });
  l(commit1, { msg: 'transfer committed', txn: 'txn-88120', request_id: req[0] });
  const timeout = send1 + 2000 * US + between(rng, 200, 900);
  a(timeout, { level: 'warn', msg: 'ledger call timed out after 2000 ms; will retry', request_id: req[0], attempt: 1, backoff_ms: 300 });
  l(commit1 + 380, {
    level: 'warn',
    msg: 'writing response failed: client closed the connection (context canceled)',
    request_id: req[0],
    status: 201,
  });
  const send2 = timeout + 300 * US + between(rng, 100, 600);
  a(send2, { msg: 'calling ledger: POST /v1/transfers', request_id: req[1], ...extra, attempt: 2, dir: 'send', to: 'ledger', method: 'POST', timeout_ms: 2000 });
  const recv2 = send2 + between(rng, 1100, 1900);
  l(recv2, { msg: 'POST /v1/transfers received', request_id: req[1], ...extra, attempt: 2, dir: 'recv', from: 'web-api', amount: '100.00', currency: 'USD' });
  let reply2;
  let evidence = null;
  if (idempotent) {
    l(recv2 + 420, { msg: `idempotency key already processed: returning the stored response (201, txn-88120)`, idempotency_key: ik, request_id: req[1] });
    evidence = 'ledger';
    reply2 = recv2 + 1300;
    l(reply2, { msg: '201 Created (stored response)', request_id: req[1], attempt: 2, dir: 'reply', to: 'web-api', txn: 'txn-88120' });
  } else {
    l(recv2 + 580, { msg: 'debited acc-5521-chk 100.00 USD, credited acc-7310-sav', txn: 'txn-88121', balance_after: '1040.00' });
    l(recv2 + 4 * US, { msg: 'transfer committed', txn: 'txn-88121', request_id: req[1] });
    reply2 = recv2 + 5 * US;
    l(reply2, { msg: '201 Created', request_id: req[1], attempt: 2, dir: 'reply', to: 'web-api', txn: 'txn-88121' });
  }
  const got2 = reply2 + between(rng, 1100, 1800);
  a(got2, { msg: 'ledger answered 201 Created', request_id: req[1], attempt: 2, dir: 'reply', from: 'ledger', latency_ms: Math.round((got2 - send2) / US) });
  a(got2 + 700, { msg: 'transfer complete: 200 OK to client', user: 'u-5521', total_ms: Math.round((got2 - t) / US) });

  // Events published to the notifier: one per executed transfer.
  const txns = idempotent ? [['txn-88120', commit1]] : [['txn-88120', commit1], ['txn-88121', recv2 + 4 * US]];
  for (const [txn, when] of txns) {
    const pub = when + between(rng, 800, 1500);
    l(pub, { msg: 'publish transfer.completed', msg_id: `evt-${txn}`, dir: 'send', to: 'notifier', txn });
    const got = pub + between(rng, 2, 6) * US;
    n(got, { msg: 'transfer.completed consumed', msg_id: `evt-${txn}`, dir: 'recv', from: 'ledger', txn });
    n(got + between(rng, 30, 60) * US, { msg: 'push notification delivered: "You moved $100.00 to Savings"', user: 'u-5521', txn, device: 'ios-8f21' });
  }
  l(t - 5 * SEC, { msg: 'nightly interest batch started', batch: 'interest-2026-03-14', txn: 'txn-88117' });
  l(commit1 - 50 * US, { msg: 'nightly interest batch: accounts 41200-41999 done, lock released', batch: 'interest-2026-03-14', txn: 'txn-88117' });
  return { api, ledger, notifier, evidence, req, ik };
}

function omit(obj, key) {
  const { [key]: _, ...rest } = obj;
  return rest;
}

function doubleTransfer() {
  const r = transfer(false);
  const readme = `# The double transfer: a timed-out request, retried, runs twice

**What happened.** A customer moves $100 from checking to savings. \`web-api\` calls \`ledger\` with
\`POST /v1/transfers\` and a 2-second timeout. The ledger is stuck behind a row lock held by the nightly
interest batch. It commits the transfer after about 2.2 s, but by then web-api has given up. Web-api cannot
tell a lost request from a slow one, so it retries with the same \`request_id\`. The ledger has no idea
that this is a repeat, and it executes the transfer again. The money moves twice (txn-88120 and txn-88121),
and the customer gets two push notifications.

This is partial failure: a timeout tells the caller nothing about whether the work was done. POST is not
idempotent, so a blind retry is unsafe. Compare with the [idempotent-transfer](../idempotent-transfer/) sample.

Files: \`web-api.jsonl\`, \`ledger.jsonl\`, \`notifier.jsonl\`, JSON lines (\`ts\`, \`service\`, \`host\`,
\`msg\`, then fields: \`request_id\`, \`attempt\`, \`dir\`, \`to\`/\`from\`, \`method\`).

**What the analyzer shows.**
- 3 processes on 3 hosts; the request and reply edges are paired by \`request_id\` and \`attempt\`.
- **1 \`non-idempotent-retry\`, critical**: "web-api sent POST request_id=tr-3f9a1c twice and ledger received it
  twice and did the work twice with no sign of deduplication". Outcome \`executed-twice\` (each delivery was followed
  by a debit and a commit), source \`client\`, operation \`POST\`.
- Its events: the two attempts on web-api and their two receives on ledger.

**What to click.** Click the critical anomaly: the two sends and the two receives light up. In the ledger
lane, the first attempt's "writing response failed: client closed the connection" shows the lost answer.
Then look at the notifier lane: two "push notification delivered" events.
`;
  return {
    id: 'double-transfer',
    title: 'The double transfer',
    summary: '"Transfer $100" times out after 2 s while the ledger waits on a lock; the retry executes the transfer a second time.',
    teaches: 'Partial failure and idempotency: a timeout does not say whether the work happened, so retrying a non-idempotent POST can run it twice.',
    files: { 'ledger.jsonl': linesByTime(r.ledger), 'notifier.jsonl': linesByTime(r.notifier), 'web-api.jsonl': linesByTime(r.api) },
    readme,
  };
}

function idempotentTransfer() {
  const r = transfer(true);
  const readme = `# The same transfer with an idempotency key: the retry is deduplicated

**What happened.** The flow of [double-transfer](../double-transfer/) happens again: the ledger waits on a row
lock, web-api times out after 2 s and retries. This time web-api sends an \`idempotency_key\` header value
(\`${r.ik}\`) with both attempts. Each attempt has its own \`request_id\`, as separate HTTP calls do. The
ledger stores the key with the result of the first attempt. When the retry arrives, it finds the key, does
not run the transfer again, and returns the stored response. One debit, one notification.

An idempotency key turns "at least once" delivery into "exactly once" *effect*. The caller may still send
twice, but the receiver makes the second send harmless.

Files: \`web-api.jsonl\`, \`ledger.jsonl\`, \`notifier.jsonl\` (JSON lines).

**What the analyzer shows.**
- 3 processes; request and reply edges paired by \`request_id\` (two ids, one per attempt).
- **1 \`non-idempotent-retry\`, info**, outcome \`deduplicated\`: the two attempts are grouped by the idempotency key,
  not by request id. The evidence is the ledger event "idempotency key already processed: returning the
  stored response". POST itself is not idempotent, so this is still a retry of a non-idempotent operation,
  but it ran once.
- Its events: both attempts, both receives and the evidence.

**What to click.** Click the info anomaly and compare its events with the critical one in double-transfer. The
notifier lane has a single push notification.
`;
  return {
    id: 'idempotent-transfer',
    title: 'The same transfer with an idempotency key',
    summary: 'The same timed-out transfer, retried with an idempotency key: the ledger recognises the repeat and returns the stored response, so the money moves once.',
    teaches: 'Idempotency keys make retries safe: at-least-once delivery with an exactly-once effect.',
    files: { 'ledger.jsonl': linesByTime(r.ledger), 'notifier.jsonl': linesByTime(r.notifier), 'web-api.jsonl': linesByTime(r.api) },
    readme,
  };
}

// ---------------------------------------------------------------------------
// 3. Lost acknowledgement, the Two Generals (logfmt).

function lostAck() {
  const rng = mulberry32(301);
  const east = [];
  const west = [];
  const E = 0;
  const W = 3 * US + 210; // west's clock 3.2 ms ahead: less than the 30+ ms link, so no skew
  const e = (t, f) => east.push({ t: t + E, line: logfmtLine({ ts: iso(t + E, 3), level: f.level ?? 'info', service: 'failover-east', host: 'ctl-east-1', ...omit(f, 'level') }) });
  const w = (t, f) => west.push({ t: t + W, line: logfmtLine({ ts: iso(t + W, 3), level: f.level ?? 'info', service: 'failover-west', host: 'ctl-west-1', ...omit(f, 'level') }) });
  const link = () => between(rng, 31, 38) * US + between(rng, 0, 999);

  let t = at(5, 40, 0, 120);
  e(t - 12 * SEC, { msg: 'primary database in us-east healthy; replication lag 40ms', lag_ms: 40 });
  w(t - 9 * SEC, { msg: 'standby database in us-west healthy; replaying WAL', lag_ms: 41 });
  e(t, { msg: 'maintenance window: switchover planned for 06:00:00Z; west must agree before east demotes itself', plan: 'sw-0600' });
  // Attempt 1: delivered; its acknowledgement is lost.
  const s1 = t + 2 * US;
  e(s1, { msg: 'PUT /v1/switchover', msg_id: 'sw-0600', attempt: 1, dir: 'send', to: 'failover-west', method: 'PUT', at: '06:00:00Z' });
  const r1 = s1 + link();
  w(r1, { msg: 'switchover request received', msg_id: 'sw-0600', attempt: 1, dir: 'recv', from: 'failover-east', at: '06:00:00Z' });
  w(r1 + 900, { msg: 'switchover sw-0600 accepted: west will promote the standby at 06:00:00Z', plan: 'sw-0600' });
  const a1 = r1 + 1400;
  w(a1, { msg: 'acknowledgement', msg_id: 'sw-0600-ack', attempt: 1, dir: 'send', to: 'failover-east', status: 200 });
  w(a1 + 30 * US, { level: 'warn', msg: 'east link: 3 packets dropped on tunnel gre-east (carrier flap)', iface: 'gre-east' });
  // East hears nothing.
  const wait = s1 + 5 * SEC;
  e(wait, { level: 'warn', msg: 'no acknowledgement from west within 5s: the request or its answer was lost, east cannot tell which', plan: 'sw-0600' });
  // Attempt 2.
  const s2 = wait + 500 * US;
  e(s2, { msg: 'PUT /v1/switchover', msg_id: 'sw-0600', attempt: 2, dir: 'send', to: 'failover-west', method: 'PUT', at: '06:00:00Z' });
  const r2 = s2 + link();
  w(r2, { msg: 'switchover request received', msg_id: 'sw-0600', attempt: 2, dir: 'recv', from: 'failover-east', at: '06:00:00Z' });
  w(r2 + 700, { msg: 'plan sw-0600 already applied; acknowledging again', msg_id: 'sw-0600' });
  const a2 = r2 + 1100;
  w(a2, { msg: 'acknowledgement', msg_id: 'sw-0600-ack', attempt: 2, dir: 'send', to: 'failover-east', status: 200 });
  const g2 = a2 + link();
  e(g2, { msg: 'acknowledgement received', msg_id: 'sw-0600-ack', attempt: 2, dir: 'recv', from: 'failover-west', status: 200 });
  e(g2 + 800, { msg: 'west agreed: east will demote the primary at 06:00:00Z', plan: 'sw-0600' });
  w(a2 + 10 * SEC, {
    level: 'warn',
    msg: 'no word from east since the acknowledgement: west cannot know it arrived; going ahead at 06:00:00Z as agreed',
    plan: 'sw-0600',
  });
  const readme = `# Lost acknowledgement: the Two Generals in a switchover

**What happened.** Two failover controllers must agree on a database switchover. At 06:00 east demotes its
primary and west promotes its standby. East sends \`PUT /v1/switchover\`, and west accepts and answers. The
tunnel between the sites drops a few packets, and **the acknowledgement is lost**. After 5 s east has heard
nothing. It cannot tell whether the request or the answer was lost, so it sends again. West recognises the
plan, which is already applied, and acknowledges a second time. That acknowledgement arrives.

This is the Two Generals problem. Every message may be lost, so neither side can ever be *certain* that
the other knows. East knows west agreed. West does not know whether east heard it: its last log line says
so. Each further acknowledgement would need an acknowledgement of its own. Real systems stop there and make
the repeat harmless: the PUT is idempotent, and west deduplicates it.

Files: \`east.log\` and \`west.log\`, logfmt (\`ts=… level=… service=… host=… msg="…" msg_id=… dir=… to=…\`).

**What the analyzer shows.**
- 2 processes; message edges paired by \`msg_id\` and \`attempt\`.
- **1 \`unmatched-send\`, warning**: failover-west sent \`msg_id=sw-0600-ack\` (attempt 1) to failover-east, and no
  receive of it is in the logs. That is the lost acknowledgement.
- **1 \`idempotent-retry\`, info**: failover-east sent \`PUT msg_id=sw-0600\` twice. Outcome \`deduplicated\`: west's "plan
  sw-0600 already applied" is the evidence. PUT is idempotent (RFC 9110), so repeating it is safe.

**What to click.** Click the unmatched send: the ack has no arrow. Follow the vector clocks: east's last event
has seen west's second acknowledgement, but no west event after it has seen anything from east. That is
exactly what each side can know.
`;
  return {
    id: 'lost-ack',
    title: 'Lost acknowledgement (Two Generals)',
    summary: 'A switchover request is accepted but its acknowledgement is lost; the sender cannot tell which message was lost, retries an idempotent PUT, and the receiver never learns that its answer arrived.',
    teaches: 'The Two Generals problem: over a lossy link no side can be sure the other knows; idempotent retries are the practical answer.',
    files: { 'east.log': linesByTime(east), 'west.log': linesByTime(west) },
    readme,
  };
}

// ---------------------------------------------------------------------------
// 4. Kubernetes scale-up (kubectl tables: events -o wide, pods -w).

function k8sScaleUp() {
  const rng = mulberry32(401);
  const ns = 'shop';
  const rs = 'web-6b7f9c5d48';
  const nodes = ['node-1', 'node-2', 'node-3'];
  const existing = nodes.map((node) => ({ name: `${rs}-${podSuffix(rng)}`, node }));
  const placement = ['node-1', 'node-2', 'node-3', 'node-2', 'node-1', 'node-3', 'node-2'];
  const pods = placement.map((node) => ({ name: `${rs}-${podSuffix(rng)}`, node }));
  const events = [];
  const ev = (t, type, reason, object, sub, source, message) => events.push({ t, type, reason, object, sub, source, message });
  const t0 = at(11, 20, 3, 412) + 118;
  ev(t0, 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', `Scaled up replica set ${rs} from 3 to 10`);
  const pulls = { 'node-1': 0, 'node-2': 0, 'node-3': 0 };
  const watch = [];
  let tc = t0 + 12 * US;
  for (const p of pods) {
    tc += between(rng, 2, 9) * US;
    ev(tc, 'Normal', 'SuccessfulCreate', `replicaset/${rs}`, '', 'replicaset-controller', `Created pod: ${p.name}`);
    watch.push({ t: tc + 3 * US, pod: p, ready: '0/1', status: 'Pending', node: '<none>', ip: '<none>' });
    const sched = tc + between(rng, 8, 40) * US;
    ev(sched, 'Normal', 'Scheduled', `pod/${p.name}`, '', 'default-scheduler, default-scheduler-cp-1', `Successfully assigned ${ns}/${p.name} to ${p.node}`);
    watch.push({ t: sched + 4 * US, pod: p, ready: '0/1', status: 'Pending', node: p.node, ip: '<none>' });
    const sub = 'spec.containers{web}';
    const kl = `kubelet, ${p.node}`;
    let k = sched + between(rng, 300, 900) * US;
    watch.push({ t: k + 2 * US, pod: p, ready: '0/1', status: 'ContainerCreating', node: p.node, ip: '<none>' });
    if (p.node === 'node-3') {
      // node-3 joined this morning: the image is not cached there yet.
      ev(k, 'Normal', 'Pulling', `pod/${p.name}`, sub, kl, 'Pulling image "registry.shop.internal/web:2.14.1"');
      const pullMs = pulls['node-3']++ === 0 ? between(rng, 11000, 13000) : between(rng, 600, 1200);
      k += pullMs * US;
      ev(k, 'Normal', 'Pulled', `pod/${p.name}`, sub, kl, `Successfully pulled image "registry.shop.internal/web:2.14.1" in ${fixed(pullMs / 1000, 3)}s (${fixed(pullMs / 1000 + 0.004, 3)}s including waiting). Image size: 48213455 bytes.`);
    } else {
      ev(k, 'Normal', 'Pulled', `pod/${p.name}`, sub, kl, 'Container image "registry.shop.internal/web:2.14.1" already present on machine');
    }
    k += between(rng, 40, 120) * US;
    ev(k, 'Normal', 'Created', `pod/${p.name}`, sub, kl, 'Created container web');
    k += between(rng, 150, 400) * US;
    ev(k, 'Normal', 'Started', `pod/${p.name}`, sub, kl, 'Started container web');
    const ip = `10.244.${nodes.indexOf(p.node) + 1}.${between(rng, 20, 250)}`;
    watch.push({ t: k + 5 * US, pod: p, ready: '0/1', status: 'Running', node: p.node, ip });
    watch.push({ t: k + between(rng, 3000, 5000) * US, pod: p, ready: '1/1', status: 'Running', node: p.node, ip });
  }
  events.sort((a, b) => a.t - b.t);
  const printed = Math.max(...events.map((e) => e.t)) + 41 * SEC;
  const rows = events.map((e) => {
    const ago = age((printed - e.t) / SEC);
    return [ago, e.type, e.reason, e.object, e.sub, e.source, e.message, ago, '1', `${e.object.split('/')[1]}.${(BigInt(Math.floor(e.t / US)) * 1_000_000n + BigInt(e.t % US) * 1000n).toString(16)}`];
  });
  const eventsTable = table(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'], rows);

  // kubectl get pods -o wide -w: the existing three, then the watch stream in the order it arrived.
  watch.sort((a, b) => a.t - b.t);
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];
  const podRows = existing.map((p, i) => [p.name, '1/1', 'Running', '0', '3d4h', `10.244.${i + 1}.17`, p.node, '<none>', '<none>']);
  const created = new Map();
  for (const w of watch) {
    if (!created.has(w.pod.name)) created.set(w.pod.name, w.t);
    podRows.push([w.pod.name, w.ready, w.status, '0', age((w.t - created.get(w.pod.name)) / SEC), w.ip, w.node, '<none>', '<none>']);
  }
  const podsWatch = table(header, podRows);
  const kubeletEvents = events.filter((e) => e.source.startsWith('kubelet')).length;
  const readme = `# Kubernetes scale-up: one command, many asynchronous controllers

**What happened.** At 11:20:03 an operator ran \`kubectl scale deployment web -n shop --replicas=10\`, going
from 3 replicas to 10. Nothing "does" this in one place. The API server only stores the new desired count.
Each controller then notices the change and acts on its own:
the **deployment controller** scales the ReplicaSet; the **ReplicaSet controller** creates 7 pods; the
**scheduler** assigns each to a node; the **kubelets** on node-1, node-2 and node-3 pull images and start
containers. node-3 joined the cluster this morning and has to pull the image first (about 12 s), so its pods
stay \`ContainerCreating\` while the others already run. For a while \`kubectl get pods\` shows a mix of
Pending, ContainerCreating and Running. That is eventual consistency: the system converges to the desired
state through intermediate ones.

Files, as kubectl printed them about 40 s later:
- \`kubectl-get-events.txt\`: \`kubectl get events -n shop -o wide --sort-by=.lastTimestamp\`, a table with
  relative ages (LAST SEEN), not times;
- \`kubectl-get-pods-watch.txt\`: \`kubectl get pods -n shop -l app=web -o wide -w\`, each pod's changes
  in the order the watch saw them.

**What the analyzer shows.**
- ${events.length + podRows.length} events: ${events.length} Kubernetes events (1 deployment-controller, 7 replicaset-controller, 7
  default-scheduler, ${kubeletEvents} kubelet on the three nodes) and ${podRows.length} pod states in the \`watch\` lane.
- The causal chain as edges: \`k8s-scale-replicaset\` (deployment → each create), \`k8s-create-schedule\`
  (create → scheduled) and \`k8s-schedule-kubelet\` (scheduled → the node's kubelet), 21 edges in all.
- **No anomalies**. A table has ages, not timestamps, so nothing can contradict a clock. The analyzer says so
  in an info diagnostic and orders events by causality only.

**What to click.** Pick the deployment's ScalingReplicaSet event and follow the arrows to the kubelets: the
fan-out of one command. The \`watch\` lane shows the intermediate pod states. In the Log tab, search for \`node=node-3\` (or just \`node-3\`) to see the slow pull.
`;
  return {
    id: 'k8s-scale-up',
    title: 'Kubernetes scale-up',
    summary: '`kubectl scale deployment web --replicas=10` as kubectl printed it: the deployment, ReplicaSet, scheduler and three kubelets each act on their own, with pods passing through Pending and ContainerCreating.',
    teaches: 'Kubernetes as a distributed system: independent controllers reconcile toward a desired state, with eventual consistency visible as intermediate states.',
    files: { 'kubectl-get-events.txt': eventsTable, 'kubectl-get-pods-watch.txt': podsWatch },
    readme,
    facts: { events: events.length, podRows: podRows.length },
  };
}

// ---------------------------------------------------------------------------
// 5. Kubernetes node failure (kubectl get events -o json; klog of the dead node's kubelet).

function k8sNodeFailure() {
  const rng = mulberry32(501);
  const ns = 'shop';
  const rs = 'checkout-7d9c6b8f4d';
  const victims = [`${rs}-x2kfp`, `${rs}-q8wzn`];
  const replacements = [`${rs}-7hjvm`, `${rs}-b4tcs`];
  const targets = ['node-a', 'node-b'];
  const NODE_B = -1800 * US - 337; // node-b's clock: 1.8 s behind
  const items = [];
  let uidN = 0;
  const hex = (us) => (BigInt(Math.floor(us / US)) * 1_000_000n + BigInt(us % US) * 1000n + BigInt(between(rng, 0, 999))).toString(16);
  const secIso = (us) => iso(Math.floor(us / SEC) * SEC, 0);
  /** A core/v1 Event written by an old-style recorder (seconds + name suffix). */
  const coreEvent = (clockUs, obj, reason, message, type, source) => {
    uidN++;
    items.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${obj.name}.${hex(clockUs)}`,
        namespace: obj.namespace ?? 'default',
        uid: `6f1c${String(uidN).padStart(4, '0')}-2b7e-4c1a-9d3e-${(0x5a0000000000 + uidN * 7919).toString(16)}`,
        resourceVersion: String(918200 + uidN * 3),
        creationTimestamp: secIso(clockUs),
      },
      involvedObject: obj,
      reason,
      message,
      source,
      firstTimestamp: secIso(clockUs),
      lastTimestamp: secIso(clockUs),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    });
  };
  /** A scheduler event (events.k8s.io recorder, seen through core/v1): eventTime in µs. */
  const schedEvent = (clockUs, pod, node) => {
    uidN++;
    items.push({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${pod.name}.${hex(clockUs)}`,
        namespace: ns,
        uid: `6f1c${String(uidN).padStart(4, '0')}-2b7e-4c1a-9d3e-${(0x5a0000000000 + uidN * 7919).toString(16)}`,
        resourceVersion: String(918200 + uidN * 3),
        creationTimestamp: secIso(clockUs),
      },
      involvedObject: pod,
      reason: 'Scheduled',
      message: `Successfully assigned ${ns}/${pod.name} to ${node}`,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: iso(clockUs, 6),
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-cp-1',
    });
  };
  const podRef = (name, uid) => ({ kind: 'Pod', namespace: ns, name, uid, apiVersion: 'v1', resourceVersion: String(between(rng, 900000, 918000)) });
  const nodeRef = { kind: 'Node', name: 'node-c', uid: 'node-c', apiVersion: 'v1' };
  const rsRef = { kind: 'ReplicaSet', namespace: ns, name: rs, uid: '0d6e1f4a-6c1b-4f37-8a51-2b9c4e7d1a90', apiVersion: 'apps/v1', resourceVersion: '918102' };

  const lastBeat = at(10, 0, 0, 401) + 233;
  const notReady = lastBeat + 40 * SEC + between(rng, 300, 900) * US; // node-monitor-grace-period 40s
  coreEvent(notReady, nodeRef, 'NodeNotReady', 'Node node-c status is now: NodeNotReady', 'Normal', { component: 'node-controller' });
  victims.forEach((v, i) => {
    coreEvent(notReady + (i + 1) * 1200, podRef(v, `c41e${i}a7b-95d2-4e0f-b3a8-71d6e2f9c0${i}4`), 'NodeNotReady', 'Node is not ready', 'Warning', { component: 'node-controller' });
  });
  const evict = notReady + 300 * SEC + between(rng, 20, 80) * US; // tolerationSeconds 300 for not-ready:NoExecute
  const facts = { lastBeat, notReady, evict, skewUs: NODE_B, scheduled: [], firstKubelet: [] };
  victims.forEach((v, i) => {
    const te = evict + i * 900;
    coreEvent(te, { kind: 'Pod', namespace: ns, name: v }, 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${v}`, 'Normal', { component: 'taint-eviction-controller' });
    const created = te + between(rng, 9, 20) * US;
    coreEvent(created, rsRef, 'SuccessfulCreate', `Created pod: ${replacements[i]}`, 'Normal', { component: 'replicaset-controller' });
    const node = targets[i];
    const pod = podRef(replacements[i], `9ab3${i}e21-4d6c-4b7f-a0c2-5e8f1d3b7a${i}6`);
    const sched = created + between(rng, 18, 45) * US + between(rng, 0, 999);
    schedEvent(sched, pod, node);
    facts.scheduled.push(sched);
    const skew = node === 'node-b' ? NODE_B : 0;
    const src = { component: 'kubelet', host: node };
    const sub = { ...pod, fieldPath: 'spec.containers{checkout}' };
    let k = sched + between(rng, 350, 700) * US + between(rng, 0, 999);
    facts.firstKubelet.push(k + skew);
    coreEvent(k + skew, sub, 'Pulled', 'Container image "registry.shop.internal/checkout:5.2.0" already present on machine', 'Normal', src);
    k += between(rng, 60, 140) * US;
    coreEvent(k + skew, sub, 'Created', 'Created container checkout', 'Normal', src);
    k += between(rng, 200, 450) * US;
    coreEvent(k + skew, sub, 'Started', 'Started container checkout', 'Normal', src);
  });
  items.sort((a, b) => (a.firstTimestamp ?? a.eventTime).localeCompare(b.firstTimestamp ?? b.eventTime) || a.metadata.name.localeCompare(b.metadata.name));
  const eventsJson = JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4) + '\n';

  // node-c's kubelet journal (klog), up to the moment the node died.
  const klog = [];
  const kl = (us, level, src, msg) => {
    const d = new Date(Math.floor(us / US));
    const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
    const dd = String(d.getUTCDate()).padStart(2, '0');
    const time = iso(us, 6).slice(11, 26);
    klog.push({ us, line: `${level}${mm}${dd} ${time}    1873 ${src}] ${msg}` });
  };
  let beat = lastBeat - 60 * SEC;
  kl(beat - 4 * SEC + 1911, 'I', 'kubelet.go:2453', `"SyncLoop (probe)" probe="readiness" status="ready" pod="shop/${victims[1]}"`);
  for (; beat <= lastBeat; beat += 10 * SEC) {
    kl(beat, 'I', 'kubelet_node_status.go:486', `"Updated node lease" node="node-c" renewTime="${iso(beat, 6)}"`);
    if (beat + 10 * SEC <= lastBeat) kl(beat + 4 * SEC + between(rng, 0, 999999), 'I', 'prober.go:107', `"Probe succeeded" probeType="Readiness" pod="shop/${victims[between(rng, 0, 1)]}" containerName="checkout"`);
  }
  kl(lastBeat + 1 * SEC + 88321, 'E', 'kubelet_volumes.go:161', '"Orphaned pod found, but error occurred when trying to remove the volumes dir" err="readdirent /var/lib/kubelet/pods: input/output error"');
  kl(lastBeat + 1 * SEC + 91002, 'W', 'container_log_manager.go:296', '"Failed to rotate log for container" err="write /var/log/pods: read-only file system"');
  const klogText = klog.sort((a, b) => a.us - b.us).map((l) => l.line).join('\n') + '\n';

  const gapMs = (facts.scheduled[1] - facts.firstKubelet[1]) / US;
  const readme = `# Kubernetes node failure: NotReady after 40 s, evictions after 300 s

**What happened.** At 10:00:01 the worker node \`node-c\` lost its root disk: the kernel remounted the file
system read-only, and the kubelet stopped renewing its node lease (its heartbeat, every 10 s). The control
plane cannot tell a dead node from a slow or cut-off one. So it waits:
- after the **node-monitor grace period (40 s)** the node controller marks node-c \`NotReady\`, and its two
  checkout pods with it;
- the pods tolerate \`node.kubernetes.io/not-ready:NoExecute\` for **300 s** (the default). Then the
  taint-eviction controller marks them for deletion;
- the ReplicaSet controller creates two replacements, and the scheduler puts them on node-a and node-b,
  whose kubelets start them.

For five minutes and 40 seconds the deployment ran with two fewer replicas. That is the price of not
evicting on a false alarm. Meanwhile **node-b's clock is about 1.8 s behind**. Its kubelet stamps the
replacement pod's first event before the scheduler stamped assigning the pod.

Files:
- \`events.json\`: \`kubectl get events -n shop -o json\` plus the Node event (core/v1 Events; the scheduler's
  carry \`eventTime\` in microseconds, the others whole-second timestamps refined by the event name's suffix);
- \`kubelet-node-c.log\`: node-c's kubelet journal (klog), which ends when the node died.

**What the analyzer shows.**
- Edges \`k8s-node-not-ready\` (node NotReady → each pod's NotReady and eviction), \`k8s-evict-replace\`
  (eviction → the replacement's creation), \`k8s-create-schedule\` and \`k8s-schedule-kubelet\`.
- NotReady comes ${fixed((facts.notReady - facts.lastBeat) / SEC, 1)} s after node-c's last lease renewal. The eviction comes 300 s after NotReady.
- **1 \`clock-skew\` warning**: node-b's clock is at least ${fixed(gapMs / 1000 - 1, 3)} s behind cp-1's. kubelet@node-b stamped its
  first event on the replacement pod ${fixed(gapMs / 1000, 3)} s before default-scheduler stamped assigning it (rule
  \`k8s-schedule-kubelet\`). A Kubernetes event is stamped when it is recorded, which may be up to 1 s after what it
  reports (the recording tolerance, \`--recording-tolerance\`), so only the gap beyond that second is skew.

**What to click.** Click the clock-skew anomaly. Then select node-c's NodeNotReady event and follow the
arrows: NotReady → eviction → SuccessfulCreate → Scheduled → kubelet. The \`kubelet-node-c\` lane shows
the last lease renewals, then read-only file-system errors, then silence.
`;
  return {
    id: 'k8s-node-failure',
    title: 'Kubernetes node failure',
    summary: "A node stops heartbeating: Kubernetes marks it NotReady after 40 s, evicts its pods after 300 s and schedules replacements on other nodes, one of which has a clock 1.8 s behind.",
    teaches: 'Partial failure and failure detection: a silent node may be dead or slow, so Kubernetes waits out timeouts before acting, and node clocks disagree.',
    files: { 'events.json': eventsJson, 'kubelet-node-c.log': klogText },
    readme,
    facts,
  };
}

// ---------------------------------------------------------------------------
// 6. etcd quorum loss (GoVector logs, one file per process).

class GoVectorProcess {
  constructor(name, log) {
    this.name = name;
    this.vc = { [name]: 0 };
    this.lines = [];
    this.log = log;
    this.local('Initialization Complete');
  }
  write(text) {
    const keys = Object.keys(this.vc).sort();
    const clock = `{${keys.map((k) => `"${k}":${this.vc[k]}`).join(', ')}}`;
    this.lines.push(`${this.name} ${clock}\n${text}`);
    this.log.push(this.name);
  }
  local(text) {
    this.vc[this.name]++;
    this.write(text);
  }
  send(text) {
    this.vc[this.name]++;
    this.write(text);
    return { ...this.vc };
  }
  recv(msg, text) {
    if (!msg) throw new Error('receive of a lost message');
    for (const [k, v] of Object.entries(msg)) this.vc[k] = Math.max(this.vc[k] ?? 0, v);
    this.vc[this.name]++;
    this.write(text);
  }
}

function etcdQuorumLoss() {
  const order = [];
  const api = new GoVectorProcess('kube-apiserver', order);
  const e1 = new GoVectorProcess('etcd-1', order);
  const e2 = new GoVectorProcess('etcd-2', order);
  const e3 = new GoVectorProcess('etcd-3', order);
  let edges = 0;
  const deliver = (to, msg, text) => {
    to.recv(msg, text);
    edges++;
  };
  let index = 48120;
  let rev = 90211;

  // Healthy: etcd-1 leads term 7 and replicates a write to both followers.
  e1.local('raft: etcd-1 is leader at term 7; voters etcd-1, etcd-2, etcd-3');
  let m = api.send(`PUT /registry/configmaps/shop/feature-flags (txn compare mod_revision=${rev - 3})`);
  deliver(e1, m, `received PUT /registry/configmaps/shop/feature-flags; propose index ${++index}`);
  let a2 = e1.send(`MsgApp term=7 index=${index} to etcd-2`);
  let a3 = e1.send(`MsgApp term=7 index=${index} to etcd-3`);
  deliver(e2, a2, `MsgApp term=7 index=${index} from etcd-1: appended`);
  let r2 = e2.send(`MsgAppResp term=7 index=${index} to etcd-1`);
  deliver(e3, a3, `MsgApp term=7 index=${index} from etcd-1: appended`);
  let r3 = e3.send(`MsgAppResp term=7 index=${index} to etcd-1`);
  deliver(e1, r2, `MsgAppResp from etcd-2: match index ${index}`);
  e1.local(`committed index ${index} (2 of 3 voters); applied, revision ${rev}`);
  deliver(e1, r3, `MsgAppResp from etcd-3: match index ${index}`);
  m = e1.send(`PUT ok: revision ${rev}`);
  deliver(api, m, `PUT /registry/configmaps/shop/feature-flags ok (revision ${rev}, 4.1ms)`);
  // A heartbeat round.
  a2 = e1.send('MsgHeartbeat term=7 commit=' + index + ' to etcd-2');
  a3 = e1.send('MsgHeartbeat term=7 commit=' + index + ' to etcd-3');
  deliver(e2, a2, 'MsgHeartbeat from etcd-1 (leader, term 7)');
  r2 = e2.send('MsgHeartbeatResp to etcd-1');
  deliver(e3, a3, 'MsgHeartbeat from etcd-1 (leader, term 7)');
  r3 = e3.send('MsgHeartbeatResp to etcd-1');
  deliver(e1, r2, 'MsgHeartbeatResp from etcd-2');
  deliver(e1, r3, 'MsgHeartbeatResp from etcd-3');

  // etcd-3's disk fails; a switch fault cuts etcd-2 off. etcd-1 is alone: 1 of 3 voters.
  e3.local('WARN: slow fdatasync took 4.812s (expected < 1s); disk /var/lib/etcd');
  e3.local('FATAL: failed to write WAL entry: input/output error; exiting');
  e1.send('MsgHeartbeat term=7 commit=' + index + ' to etcd-2'); // lost
  e1.send('MsgHeartbeat term=7 commit=' + index + ' to etcd-3'); // lost
  e1.local('WARN: prober detected unhealthy status: remote etcd-2 (rtt: 0s, error: dial tcp 10.0.2.12:2380: i/o timeout)');
  e1.local('WARN: prober detected unhealthy status: remote etcd-3 (rtt: 0s, error: dial tcp 10.0.3.13:2380: connect: connection refused)');
  e2.local('WARN: lost the TCP streaming connection with peer etcd-1 (stream MsgApp v2 reader)');
  e2.local('WARN: prober detected unhealthy status: remote etcd-1 (error: dial tcp 10.0.1.11:2380: i/o timeout)');

  // A write arrives while etcd-1 still believes it leads: it cannot commit.
  m = api.send('PUT /registry/leases/kube-node-lease/node-a (lease renewal)');
  deliver(e1, m, `received PUT /registry/leases/kube-node-lease/node-a; propose index ${++index}`);
  e1.send(`MsgApp term=7 index=${index} to etcd-2`); // lost
  e1.send(`MsgApp term=7 index=${index} to etcd-3`); // lost
  e1.local('raft: etcd-1 stepped down to follower since quorum is not active (check-quorum, 1 of 3 voters reachable)');
  e1.local('raft: lost leader etcd-1 at term 7; no leader');
  m = e1.send('PUT failed: etcdserver: request timed out, possibly due to previous leader failure');
  deliver(api, m, 'PUT /registry/leases/kube-node-lease/node-a failed: etcdserver: request timed out (7.0s)');

  // Both remaining members campaign; with pre-vote, no term is bumped while a majority is unreachable.
  e1.local('raft: etcd-1 became pre-candidate at term 7');
  e1.send('MsgPreVote term=8 to etcd-2'); // lost
  e1.send('MsgPreVote term=8 to etcd-3'); // lost
  e2.local('raft: etcd-2 lost leader etcd-1 at term 7; became pre-candidate at term 7');
  e2.send('MsgPreVote term=8 to etcd-1'); // lost
  e2.send('MsgPreVote term=8 to etcd-3'); // lost

  // Writes are refused, serializable reads go on, linearizable reads fail.
  m = api.send('PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm (create)');
  deliver(e1, m, 'received PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm');
  m = e1.send('PUT failed: etcdserver: no leader');
  deliver(api, m, 'PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm failed: etcdserver: no leader');
  m = api.send('RANGE /registry/configmaps/shop/ (serializable: served by this member without a quorum)');
  deliver(e1, m, 'received RANGE /registry/configmaps/shop/ serializable');
  m = e1.send(`RANGE ok: 3 keys at revision ${rev} (local copy; may be stale)`);
  deliver(api, m, `RANGE /registry/configmaps/shop/ ok: 3 keys (revision ${rev}, serializable)`);
  m = api.send('RANGE /registry/pods/shop/ (linearizable: needs a quorum read index)');
  deliver(e1, m, 'received RANGE /registry/pods/shop/ linearizable');
  m = e1.send('RANGE failed: etcdserver: no leader (read index needs a quorum)');
  deliver(api, m, 'RANGE /registry/pods/shop/ failed: etcdserver: no leader');
  m = api.send(`RANGE /registry/configmaps/shop/feature-flags (serializable)`);
  deliver(e1, m, 'received RANGE /registry/configmaps/shop/feature-flags serializable');
  m = e1.send(`RANGE ok: 1 key at revision ${rev} (local copy; may be stale)`);
  deliver(api, m, `RANGE /registry/configmaps/shop/feature-flags ok (revision ${rev}, serializable)`);

  // The switch recovers: etcd-1 and etcd-2 form a majority (etcd-3 stays down).
  e2.local('INFO: peer etcd-1 became active (stream MsgApp v2 reader)');
  e1.local('INFO: peer etcd-2 became active');
  m = e1.send('MsgPreVote term=8 lastIndex=' + (index - 1) + ' to etcd-2');
  e1.send('MsgPreVote term=8 to etcd-3'); // lost: etcd-3 is down
  deliver(e2, m, 'MsgPreVote term=8 from etcd-1: log is up to date');
  m = e2.send('MsgPreVoteResp granted to etcd-1');
  deliver(e1, m, 'MsgPreVoteResp from etcd-2: granted (2 of 3 with own vote)');
  e1.local('raft: etcd-1 became candidate at term 8');
  m = e1.send('MsgVote term=8 to etcd-2');
  e1.send('MsgVote term=8 to etcd-3'); // lost
  deliver(e2, m, 'MsgVote term=8 from etcd-1: voted for etcd-1');
  m = e2.send('MsgVoteResp granted to etcd-1');
  deliver(e1, m, 'MsgVoteResp from etcd-2: granted');
  e1.local('raft: etcd-1 became leader at term 8 (2 of 3 voters)');
  index++;
  m = e1.send(`MsgApp term=8 index=${index} (empty entry of the new term) to etcd-2`);
  e1.send(`MsgApp term=8 index=${index} to etcd-3`); // lost
  deliver(e2, m, `MsgApp term=8 index=${index} from etcd-1: appended; leader is etcd-1`);
  m = e2.send(`MsgAppResp term=8 index=${index} to etcd-1`);
  deliver(e1, m, `MsgAppResp from etcd-2: match index ${index}`);
  e1.local(`committed index ${index}; etcdserver: leader changed, accepting writes`);

  // The API server's retry now succeeds.
  m = api.send('PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm (create, retry)');
  deliver(e1, m, `received PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm; propose index ${++index}`);
  m = e1.send(`MsgApp term=8 index=${index} to etcd-2`);
  e1.send(`MsgApp term=8 index=${index} to etcd-3`); // lost
  deliver(e2, m, `MsgApp term=8 index=${index} from etcd-1: appended`);
  m = e2.send(`MsgAppResp term=8 index=${index} to etcd-1`);
  deliver(e1, m, `MsgAppResp from etcd-2: match index ${index}`);
  e1.local(`committed index ${index} (2 of 3 voters); applied, revision ${++rev}`);
  m = e1.send(`PUT ok: revision ${rev}`);
  deliver(api, m, `PUT /registry/pods/shop/checkout-7d9c6b8f4d-7hjvm ok (revision ${rev})`);

  const procs = [api, e1, e2, e3];
  const files = {};
  for (const p of procs) files[`${p.name}-Log.txt`] = p.lines.join('\n') + '\n';
  const total = procs.reduce((s, p) => s + p.lines.length, 0);
  const readme = `# etcd quorum loss: writes refused, serializable reads go on

**What happened.** A 3-member etcd cluster (the Kubernetes API server's database) loses two members. etcd-3's
disk fails and it exits. A switch fault cuts etcd-2 off from etcd-1. etcd-1 is alone: 1 of 3 voters. Raft
needs a majority (2 of 3) to commit anything, so:
- a lease renewal that etcd-1 accepted as leader never commits. etcd-1 notices that it cannot reach a quorum
  (check-quorum), steps down, and the API server gets "request timed out";
- every later write gets "etcdserver: no leader";
- **serializable reads still work**: etcd-1 answers from its own copy, which may be stale. Linearizable
  reads need a quorum and fail;
- etcd-1 and etcd-2 both campaign (pre-vote), but their vote requests are lost.

When the switch recovers, etcd-1's pre-vote and vote reach etcd-2. etcd-1 becomes leader at term 8 with 2 of 3
voters, and the API server's retried write commits. etcd-3 is still down, and the cluster works without it.

This is CAP in practice. etcd is a CP system: during the partition it chooses consistency and refuses
writes, rather than accept writes it could not replicate.

Files: one GoVector log per process (\`etcd-1-Log.txt\`, \`etcd-2-Log.txt\`, \`etcd-3-Log.txt\`,
\`kube-apiserver-Log.txt\`). Each record is a \`host {vector clock}\` line followed by the message. It is etcd's
raft instrumented with GoVector, as in ShiViz's examples. The logs carry vector clocks, not timestamps.

**What the analyzer shows.**
- 4 processes, ${total} events, ${edges} message edges derived from the vector clocks (rule \`vector-clock\`), and
  no diagnostics of disagreeing clocks.
- Messages that were lost have no arrow: the heartbeats, appends and (pre-)votes sent during the outage.
- **No anomalies**. The logs have no timestamps to contradict and no message ids, so nothing here is a
  clock or retry finding. The story is in the happened-before graph.

**What to click.** Follow the kube-apiserver lane: an ok PUT, a timed-out PUT, a "no leader" PUT, a
serializable RANGE that succeeds between two failures, a linearizable RANGE that fails, then the retried PUT
that commits. Select etcd-1's "became leader at term 8" and look at which events happened before it.
`;
  return {
    id: 'etcd-quorum-loss',
    title: 'etcd quorum loss',
    summary: 'A 3-member etcd cluster loses two members: writes are refused and linearizable reads fail while serializable reads go on, until a leader is elected again with 2 of 3 votes.',
    teaches: 'CAP and consensus: a CP store needs a majority to write; without one it refuses writes rather than diverge.',
    files,
    readme,
    facts: { events: total, edges },
  };
}

// ---------------------------------------------------------------------------
// 7. Network partition / split brain (CSV export, text logs, JSON lines).

function partition() {
  const rng = mulberry32(701);
  const ap = []; // CSV rows of the AP cart store
  const cp = { 'kv-cp-1': [], 'kv-cp-2': [], 'kv-cp-3': [] };
  const clients = { 'checkout-a': [], 'checkout-b': [] };
  const HOST = { 'kv-ap-1': 'cart-1', 'kv-ap-2': 'cart-2', 'checkout-a': 'web-a-1', 'checkout-b': 'web-b-1' };
  const OFF = { 'kv-ap-1': 210, 'kv-ap-2': -340, 'kv-cp-1': 120, 'kv-cp-2': -80, 'kv-cp-3': 260, 'checkout-a': -150, 'checkout-b': 90 };
  const csvCols = ['_time', 'service', 'host', 'level', 'message', 'op', 'key', 'value', 'version', 'msg_id', 'req_id', 'dir', 'to', 'from'];
  const apRow = (svc, t, f) => {
    const tt = t + OFF[svc];
    const row = { _time: iso(tt, 3), service: svc, host: HOST[svc], level: f.level ?? 'info', ...omit(f, 'level') };
    ap.push({ t: tt, line: csvCols.map((c) => csvCell(row[c] ?? '')).join(',') });
  };
  const cpLine = (svc, t, level, msg) => cp[svc].push({ t: t + OFF[svc], line: `${iso(t + OFF[svc], 3)} ${level.padEnd(5)} [raft] ${msg}` });
  const cl = (svc, t, f) => clients[svc].push({ t: t + OFF[svc], line: jsonLine({ time: iso(t + OFF[svc], 3), level: f.level ?? 'info', service: svc, host: HOST[svc], ...omit(f, 'level') }) });
  const hop = () => between(rng, 900, 1600); // µs within a zone
  const cross = () => between(rng, 1400, 2300); // µs across zones

  let t = at(10, 0, 0, 0) + 37_104;
  // Before the partition: both stores healthy.
  cpLine('kv-cp-1', t - 30 * SEC, 'INFO', 'kv-cp-1 is leader at term 12; followers kv-cp-2, kv-cp-3 (zones b, a)');
  cpLine('kv-cp-2', t - 30 * SEC + 1700, 'INFO', 'following leader kv-cp-1 at term 12');
  cpLine('kv-cp-3', t - 30 * SEC + 2100, 'INFO', 'following leader kv-cp-1 at term 12');
  // AP write, replicated synchronously to the other replica.
  cl('checkout-a', t, { msg: 'PUT /v1/carts/1042 add headphones-x2', req_id: 'a-771', dir: 'send', to: 'kv-ap-1', path: '/v1/carts/1042' });
  let x = t + hop();
  apRow('kv-ap-1', x, { message: 'PUT cart:1042 received', req_id: 'a-771', dir: 'recv', from: 'checkout-a' });
  x += 300;
  apRow('kv-ap-1', x, { message: 'write cart:1042 = [headphones-x2]', op: 'put', key: 'cart:1042', value: '[headphones-x2]', version: '{kv-ap-1:1}' });
  x += 200;
  apRow('kv-ap-1', x, { message: 'replicate cart:1042 to kv-ap-2', msg_id: 'rep-cart-1042-1', dir: 'send', to: 'kv-ap-2' });
  let y = x + cross();
  apRow('kv-ap-2', y, { message: 'replica write received', msg_id: 'rep-cart-1042-1', dir: 'recv', from: 'kv-ap-1' });
  y += 250;
  apRow('kv-ap-2', y, { message: 'write cart:1042 = [headphones-x2] (replica)', op: 'put', key: 'cart:1042', value: '[headphones-x2]', version: '{kv-ap-1:1}' });
  y += 150;
  apRow('kv-ap-2', y, { message: 'replica ack', msg_id: 'rep-cart-1042-1-ack', dir: 'send', to: 'kv-ap-1' });
  x = y + cross();
  apRow('kv-ap-1', x, { message: 'replica ack received: 2 of 2 replicas', msg_id: 'rep-cart-1042-1-ack', dir: 'recv', from: 'kv-ap-2' });
  x += 200;
  apRow('kv-ap-1', x, { message: '200 OK', req_id: 'a-771', dir: 'reply', to: 'checkout-a' });
  cl('checkout-a', x + hop(), { msg: 'cart 1042 saved (200)', req_id: 'a-771', dir: 'reply', from: 'kv-ap-1' });
  // CP write on the leader, replicated to a majority.
  t += 2 * SEC + between(rng, 0, 999) * US;
  cl('checkout-b', t, { msg: 'PUT /v1/stock/sku-7 reserve 1', req_id: 'b-310', dir: 'send', to: 'kv-cp-1', path: '/v1/stock/sku-7' });
  x = t + hop();
  cpLine('kv-cp-1', x, 'INFO', 'PUT stock:sku-7 received req_id=b-310 dir=recv from=checkout-b');
  x += 200;
  cpLine('kv-cp-1', x, 'INFO', 'append index=7731 term=12 msg_id=app-7731-b dir=send to=kv-cp-2');
  cpLine('kv-cp-1', x + 40, 'INFO', 'append index=7731 term=12 msg_id=app-7731-a dir=send to=kv-cp-3');
  let z = x + hop();
  cpLine('kv-cp-2', z, 'INFO', 'append index=7731 term=12 msg_id=app-7731-b dir=recv from=kv-cp-1');
  cpLine('kv-cp-2', z + 300, 'INFO', 'append ok index=7731 msg_id=app-7731-b-ok dir=send to=kv-cp-1');
  const w3 = x + 40 + cross();
  cpLine('kv-cp-3', w3, 'INFO', 'append index=7731 term=12 msg_id=app-7731-a dir=recv from=kv-cp-1');
  cpLine('kv-cp-3', w3 + 250, 'INFO', 'append ok index=7731 msg_id=app-7731-a-ok dir=send to=kv-cp-1');
  x = z + 300 + hop();
  cpLine('kv-cp-1', x, 'INFO', 'append ok from kv-cp-2 msg_id=app-7731-b-ok dir=recv from=kv-cp-2');
  cpLine('kv-cp-1', x + 150, 'INFO', 'commit index=7731 (2 of 3); apply op=put key=stock:sku-7 value=41');
  const okA = Math.max(x + 400, w3 + 250 + cross());
  cpLine('kv-cp-1', okA, 'INFO', 'append ok from kv-cp-3 msg_id=app-7731-a-ok dir=recv from=kv-cp-3');
  cpLine('kv-cp-1', okA + 150, 'INFO', '200 OK req_id=b-310 dir=reply to=checkout-b');
  cl('checkout-b', okA + 150 + hop(), { msg: 'stock reserved (200)', req_id: 'b-310', dir: 'reply', from: 'kv-cp-1' });

  // 10:00:05: the link between zone a and zone b fails.
  const cut = at(10, 0, 5, 212);
  apRow('kv-ap-1', cut + 1500 * US, { level: 'warn', message: 'replica kv-ap-2 unreachable: connect timeout after 1500 ms; writes continue (W=1), hints kept' });
  apRow('kv-ap-2', cut + 1500 * US + 77_000, { level: 'warn', message: 'replica kv-ap-1 unreachable: connect timeout after 1500 ms; writes continue (W=1), hints kept' });
  cpLine('kv-cp-1', cut + 2 * SEC, 'WARN', 'kv-cp-3 not responding for 2s (heartbeat); quorum still held with kv-cp-2 (2 of 3)');
  cpLine('kv-cp-3', cut + 2 * SEC + 410_000, 'WARN', 'no heartbeat from leader kv-cp-1 for 2s; starting election at term 13');
  cpLine('kv-cp-3', cut + 2 * SEC + 412_000, 'WARN', 'election at term 13 failed: 1 of 3 votes (kv-cp-1, kv-cp-2 unreachable)');

  // Split brain in the AP store: the same cart changes on both sides.
  t = at(10, 0, 9, 804) + 211;
  cl('checkout-a', t, { msg: 'PUT /v1/carts/1042 add usb-c-cable (phone)', req_id: 'a-802', dir: 'send', to: 'kv-ap-1', path: '/v1/carts/1042' });
  x = t + hop();
  apRow('kv-ap-1', x, { message: 'PUT cart:1042 received', req_id: 'a-802', dir: 'recv', from: 'checkout-a' });
  x += 280;
  apRow('kv-ap-1', x, { message: 'write cart:1042 = [headphones-x2, usb-c-cable]', op: 'put', key: 'cart:1042', value: '[headphones-x2, usb-c-cable]', version: '{kv-ap-1:2}' });
  apRow('kv-ap-1', x + 90, { level: 'warn', message: 'kv-ap-2 unreachable: hinted handoff stored for cart:1042 {kv-ap-1:2}' });
  apRow('kv-ap-1', x + 220, { message: '200 OK', req_id: 'a-802', dir: 'reply', to: 'checkout-a' });
  cl('checkout-a', x + 220 + hop(), { msg: 'cart 1042 saved (200)', req_id: 'a-802', dir: 'reply', from: 'kv-ap-1' });
  const t2 = at(10, 0, 12, 377) + 902;
  cl('checkout-b', t2, { msg: 'PUT /v1/carts/1042 remove headphones-x2 (laptop)', req_id: 'b-415', dir: 'send', to: 'kv-ap-2', path: '/v1/carts/1042' });
  y = t2 + hop();
  apRow('kv-ap-2', y, { message: 'PUT cart:1042 received', req_id: 'b-415', dir: 'recv', from: 'checkout-b' });
  y += 310;
  apRow('kv-ap-2', y, { message: 'write cart:1042 = []', op: 'put', key: 'cart:1042', value: '[]', version: '{kv-ap-1:1, kv-ap-2:1}' });
  apRow('kv-ap-2', y + 95, { level: 'warn', message: 'kv-ap-1 unreachable: hinted handoff stored for cart:1042 {kv-ap-1:1, kv-ap-2:1}' });
  apRow('kv-ap-2', y + 230, { message: '200 OK', req_id: 'b-415', dir: 'reply', to: 'checkout-b' });
  cl('checkout-b', y + 230 + hop(), { msg: 'cart 1042 saved (200)', req_id: 'b-415', dir: 'reply', from: 'kv-ap-2' });

  // The CP store: the minority side refuses, the majority side commits.
  const t3 = at(10, 0, 14, 90) + 533;
  cl('checkout-a', t3, { msg: 'PUT /v1/stock/sku-7 reserve 1', req_id: 'a-815', dir: 'send', to: 'kv-cp-3', path: '/v1/stock/sku-7' });
  x = t3 + hop();
  cpLine('kv-cp-3', x, 'INFO', 'PUT stock:sku-7 received req_id=a-815 dir=recv from=checkout-a');
  cpLine('kv-cp-3', x + 200, 'WARN', 'refusing PUT stock:sku-7: no leader reachable (1 of 3 members); not accepting writes in the minority');
  cpLine('kv-cp-3', x + 260, 'WARN', '503 Service Unavailable req_id=a-815 dir=reply to=checkout-a');
  cl('checkout-a', x + 260 + hop(), { level: 'error', msg: 'stock service unavailable (503): reservation not made, customer shown "try again"', req_id: 'a-815', dir: 'reply', from: 'kv-cp-3' });
  const t4 = at(10, 0, 15, 640) + 14;
  cl('checkout-b', t4, { msg: 'PUT /v1/stock/sku-7 reserve 1', req_id: 'b-422', dir: 'send', to: 'kv-cp-1', path: '/v1/stock/sku-7' });
  x = t4 + hop();
  cpLine('kv-cp-1', x, 'INFO', 'PUT stock:sku-7 received req_id=b-422 dir=recv from=checkout-b');
  x += 200;
  cpLine('kv-cp-1', x, 'INFO', 'append index=7732 term=12 msg_id=app-7732-b dir=send to=kv-cp-2');
  cpLine('kv-cp-1', x + 30, 'WARN', 'append index=7732 to kv-cp-3 failed: i/o timeout (kept in the log for catch-up)');
  z = x + hop();
  cpLine('kv-cp-2', z, 'INFO', 'append index=7732 term=12 msg_id=app-7732-b dir=recv from=kv-cp-1');
  cpLine('kv-cp-2', z + 280, 'INFO', 'append ok index=7732 msg_id=app-7732-b-ok dir=send to=kv-cp-1');
  x = z + 280 + hop();
  cpLine('kv-cp-1', x, 'INFO', 'append ok from kv-cp-2 msg_id=app-7732-b-ok dir=recv from=kv-cp-2');
  cpLine('kv-cp-1', x + 140, 'INFO', 'commit index=7732 (2 of 3); apply op=put key=stock:sku-7 value=40');
  cpLine('kv-cp-1', x + 260, 'INFO', '200 OK req_id=b-422 dir=reply to=checkout-b');
  cl('checkout-b', x + 260 + hop(), { msg: 'stock reserved (200)', req_id: 'b-422', dir: 'reply', from: 'kv-cp-1' });

  // 10:00:35: the link is back. Hints are handed off; kv-cp-3 catches up.
  const heal = at(10, 0, 35, 18);
  x = heal + 600 * US;
  apRow('kv-ap-1', x, { message: 'replica kv-ap-2 reachable again; replaying 1 hint', msg_id: 'hint-cart-1042-ap1', dir: 'send', to: 'kv-ap-2' });
  y = heal + 640 * US;
  apRow('kv-ap-2', y, { message: 'replica kv-ap-1 reachable again; replaying 1 hint', msg_id: 'hint-cart-1042-ap2', dir: 'send', to: 'kv-ap-1' });
  const y2 = x + cross();
  apRow('kv-ap-2', y2, { message: 'hint received for cart:1042 {kv-ap-1:2}', msg_id: 'hint-cart-1042-ap1', dir: 'recv', from: 'kv-ap-1' });
  apRow('kv-ap-2', y2 + 180, {
    level: 'warn',
    message: 'conflict on cart:1042: {kv-ap-1:2} and {kv-ap-1:1, kv-ap-2:1} are concurrent; last-write-wins keeps the later timestamp (kv-ap-2, []) and drops [headphones-x2, usb-c-cable]',
  });
  const x2 = y + cross();
  apRow('kv-ap-1', x2, { message: 'hint received for cart:1042 {kv-ap-1:1, kv-ap-2:1}', msg_id: 'hint-cart-1042-ap2', dir: 'recv', from: 'kv-ap-2' });
  apRow('kv-ap-1', x2 + 170, {
    level: 'warn',
    message: 'conflict on cart:1042: {kv-ap-1:2} and {kv-ap-1:1, kv-ap-2:1} are concurrent; last-write-wins keeps the later timestamp (kv-ap-2, []) and drops [headphones-x2, usb-c-cable]',
  });
  x = heal + 900 * US;
  cpLine('kv-cp-1', x, 'INFO', 'kv-cp-3 reachable again; sending entries 7732..7732 msg_id=catchup-7732 dir=send to=kv-cp-3');
  z = x + cross();
  cpLine('kv-cp-3', z, 'INFO', 'leader kv-cp-1 at term 12 is back; entries 7732..7732 msg_id=catchup-7732 dir=recv from=kv-cp-1');
  cpLine('kv-cp-3', z + 210, 'INFO', 'caught up to index 7732; stock:sku-7=40 msg_id=catchup-7732-ok dir=send to=kv-cp-1');
  cpLine('kv-cp-1', z + 210 + cross(), 'INFO', 'kv-cp-3 caught up to 7732 msg_id=catchup-7732-ok dir=recv from=kv-cp-3');

  const csv = csvCols.join(',') + '\n' + linesByTime(ap);
  const readme = `# Network partition: split brain in an AP store, refusals in a CP store

**What happened.** Two zones, a and b, each run a checkout front end. Two storage systems span them:
- **cart-store**, an AP (Dynamo-style) store with one replica per zone (\`kv-ap-1\` in a, \`kv-ap-2\` in b). A write
  succeeds as soon as one replica has it (W=1). Replicas catch up later (hinted handoff).
- **stock-store**, a CP (Raft) store with 3 members: \`kv-cp-1\` (leader) and \`kv-cp-2\` in zone b, \`kv-cp-3\` in zone a.

At 10:00:05 the link between the zones fails for 30 s. The same customer changes cart 1042 on both sides. The
phone (zone a) adds a USB-C cable, and the laptop (zone b) removes the headphones. Both writes are accepted
(availability). When the link returns, the replicas exchange hints and find two **concurrent** versions:
neither write saw the other. Last-write-wins keeps the one with the later timestamp and silently drops the other.

The CP store behaves the other way. In zone a, kv-cp-3 has no majority and **refuses** the stock reservation
(503). In zone b, kv-cp-1 and kv-cp-2 are 2 of 3, so they go on committing. When the link returns, kv-cp-3
catches up. Nothing conflicts, but zone a's customer saw an error (consistency over availability). PACELC adds
that even without a partition, waiting for the second replica costs latency.

Files:
- \`cart-store.csv\`: both AP replicas, exported from the log platform as CSV (\`_time, service, host, level,
  message, op, key, value, version, msg_id, req_id, dir, to, from\`), sorted by time;
- \`kv-cp-1.log\`, \`kv-cp-2.log\`, \`kv-cp-3.log\`: the Raft members, plain text with ISO timestamps and
  \`key=value\` pairs in the messages;
- \`checkout-a.jsonl\`, \`checkout-b.jsonl\`: the front ends, JSON lines.

**What the analyzer shows.**
- 7 processes and 24 message edges: requests and replies paired by \`req_id\`; replication, hints and Raft
  appends by \`msg_id\`; each with \`dir\` and \`to\`/\`from\`.
- **1 \`concurrent-writes\` warning** on \`cart:1042\`: kv-ap-1 and kv-ap-2 wrote it concurrently. The
  pre-partition writes to the same key are ordered by the replication messages and are not reported, and
  neither are the stock-store's writes, all made by its leader in one order.
- No other anomalies: every message that was sent was received, and the zones' clocks agree to within a millisecond.

**What to click.** Click the concurrent-writes anomaly: the two writes are highlighted, and no chain of arrows
joins them. Then look at kv-cp-3's lane: the refused request, the failed election, the catch-up.
`;
  return {
    id: 'partition-split-brain',
    title: 'Network partition: AP versus CP',
    summary: 'A 30 s partition between two zones: an AP cart store accepts conflicting writes on both sides (concurrent writes, one silently lost), while a CP stock store refuses writes in the minority.',
    teaches: 'CAP and PACELC: during a partition a store chooses availability (and conflicts) or consistency (and refusals).',
    files: {
      'cart-store.csv': csv,
      'checkout-a.jsonl': linesByTime(clients['checkout-a']),
      'checkout-b.jsonl': linesByTime(clients['checkout-b']),
      'kv-cp-1.log': linesByTime(cp['kv-cp-1']),
      'kv-cp-2.log': linesByTime(cp['kv-cp-2']),
      'kv-cp-3.log': linesByTime(cp['kv-cp-3']),
    },
    readme,
  };
}

function csvCell(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ---------------------------------------------------------------------------
// 8. An NTP step (rsyslog text on two hosts, JSON lines at the edge).

function ntpStep() {
  const rng = mulberry32(801);
  const AHEAD = 2000 * US + 213; // app-3's clock before the step
  let stepAt = Infinity; // true time of the step: set inside the third request
  const app3 = [];
  const app5 = [];
  const gw = [];
  const migrated = at(10, 12, 37, 512); // the live migration left app-3's clock 2 s fast
  const clock3 = (t) => (t >= migrated && t < stepAt ? t + AHEAD : t);
  const o = (t, msg) => app3.push({ t: clock3(t), k: t, line: `${iso(clock3(t), 6, '+00:00')} app-3 orders-api[2417]: ${msg}` });
  const c = (t, msg) => app3.push({ t: clock3(t), k: t, line: `${iso(clock3(t), 6, '+00:00')} app-3 chronyd[611]: ${msg}` });
  const INV = 140;
  const inv = (t, msg) => app5.push({ t: t + INV, line: `${iso(t + INV, 6, '+00:00')} app-5 inventory[1980]: ${msg}` });
  const GW = -90;
  const g = (t, f) => gw.push({ t: t + GW, line: jsonLine({ ts: iso(t + GW, 3), level: f.level ?? 'info', service: 'gateway', host: 'edge-1', ...omit(f, 'level') }) });

  c(at(9, 41, 2, 118), 'Selected source 169.254.169.123 (AWS time sync)');
  c(at(10, 12, 40, 5), 'Can\'t synchronise: no selectable sources (169.254.169.123 unreachable after live migration)');
  const durations = [];
  let t = at(10, 15, 20, 0) + 118_207;
  for (let i = 0; i < 7; i++) {
    const id = `req-${(0x9c41 + i * 17).toString(16)}`;
    const rpc = `inv-${(0x51a0 + i * 13).toString(16)}`;
    const sku = pick(rng, ['sku-7', 'sku-12', 'sku-31', 'sku-7']);
    g(t, { msg: 'POST /v1/orders', req_id: id, dir: 'send', to: 'orders-api', method: 'POST', client_ip: `203.0.113.${between(rng, 10, 200)}` });
    const r = t + between(rng, 1500, 2500);
    o(r, `POST /v1/orders received req_id=${id} dir=recv from=gateway`);
    const s = r + between(rng, 250, 500);
    o(s, `reserve stock ${sku} qty=1 rpc_id=${rpc} dir=send to=inventory`);
    const ir = s + between(rng, 500, 900);
    inv(ir, `reserve ${sku} qty=1 rpc_id=${rpc} dir=recv from=orders-api`);
    const irep = ir + between(rng, 2500, 6000);
    inv(irep, `reserved ${sku} qty=1 remaining=${between(rng, 20, 60)} rpc_id=${rpc} dir=reply to=orders-api`);
    const back = irep + between(rng, 500, 900);
    if (i === 2) {
      // The step falls inside this request: chrony logs it between the call to inventory and its answer.
      stepAt = ir + between(rng, 300, 900);
      c(stepAt, 'System clock wrong by -2.000213 seconds');
      c(stepAt + 41, 'System clock was stepped by -2.000213 seconds');
      c(stepAt + 95, 'Selected source 169.254.169.123 (AWS time sync)');
    }
    o(back, `stock reserved rpc_id=${rpc} dir=reply from=inventory`);
    const done = back + between(rng, 300, 700);
    const dur = (clock3(done) - clock3(r)) / US;
    durations.push(dur);
    o(done, `201 Created req_id=${id} dir=reply to=gateway duration_ms=${fixed(dur, 3)}`);
    const gr = done + between(rng, 1500, 2500);
    g(gr, { msg: '201 Created', req_id: id, dir: 'reply', from: 'orders-api', upstream_ms: fixed((gr - t) / US, 1) });
    t += between(rng, 420, 560) * US + between(rng, 0, 999);
  }
  const negative = durations.filter((d) => d < 0).length;
  const readme = `# An NTP step: one server's clock jumps back 2 s

**What happened.** After a live migration, the VM \`app-3\` came back with its clock **2.000 s fast**. Its time
daemon, chrony, could not reach the time source for a few minutes. When it could again, at 10:15:21, it
**stepped** the clock back by 2.000213 s in one go (\`makestep\`). \`orders-api\` runs on app-3 and was
serving orders through the step. It calls \`inventory\` on app-5. \`gateway\` on edge-1 calls it.

A step back breaks everything that reads the clock twice. One request that straddles the step logs a
**negative duration** (\`duration_ms=${fixed(durations.find((d) => d < 0) ?? 0, 3)}\`). Before the step, app-3's stamps are 2 s ahead
of everyone else's. After it, they are right again. There is no single offset between app-3 and the other hosts.

Files: \`app-3.syslog\` and \`app-5.syslog\` (rsyslog's high-precision format: \`ISO-8601 host program[pid]: message\`,
with \`req_id\`/\`rpc_id\`, \`dir\`, \`to\`/\`from\` pairs), and \`gateway.jsonl\` (JSON lines).

**What the analyzer shows.**
- 4 processes (orders-api and chronyd share the clock domain app-3), 7 requests, 28 message edges.
- **1 \`clock-regression\` warning**: orders-api's clock jumped back about 2 s between two consecutive events, and
  stayed back, as after an NTP step.
- **5 \`clock-skew\` warnings**, all on messages sent by orders-api before the step: app-3 stamped sending them
  about 2 s after the receivers stamped receiving them. After the step there are none.
- **Two clock epochs** for app-3, cut at the step: no single offset fits a clock that jumped, so each epoch
  gets its own. Before the step app-3 reads **+2000.1285 ms** (1999.561 to 2000.696) ahead of app-5; after it
  **−0.1165 ms** (−0.724 to 0.491). Corrected times subtract each epoch's offset, so on the corrected axis every
  message goes forward and the requests before the step sit where they happened, not 2 s late. No warning:
  the bounds agree within each epoch.

**What to click.** Click the clock-regression anomaly: orders-api's two events either side of the jump, in the
request whose duration came out negative. The chronyd lane reads the same clock (domain app-3). Its "System
clock was stepped by -2.000213 seconds" is the cause. Then compare the skew anomalies' times: all are before
the step. Switch the diagram to corrected time: the requests line up across the three hosts. The Charts tab's
offset of app-3 shows the step: about 2 s ahead in the first epoch, in step in the second.
`;
  return {
    id: 'ntp-step',
    title: 'An NTP step',
    summary: "A server's clock is 2 s fast until chrony steps it back mid-incident: a clock regression, a negative request duration and skew on every message sent before the step.",
    teaches: 'No global clock: even one machine\'s clock can jump backwards, so wall-clock time is not a reliable order or duration.',
    files: { 'app-3.syslog': linesByTime(app3), 'app-5.syslog': linesByTime(app5), 'gateway.jsonl': linesByTime(gw) },
    readme,
    facts: { negative, durations },
  };
}

// ---------------------------------------------------------------------------
// 9. At-least-once delivery: a rebalance redelivers a payment (plain text producer,
//    logfmt consumers with svc= and host=, a broker that writes no log).

function rebalanceDoubleCharge() {
  const rng = mulberry32(901);
  const shop = [];
  const node1 = [];
  const node2 = [];
  // Clock offsets (µs), below the network delays: no skew in this incident.
  const OFF = { 'shop-1': 0, 'pay-node-1': 1_800, 'pay-node-2': -2_300 };
  const TOPIC = 'payment-requests';
  const GROUP = 'charge-workers';
  // The producer writes plain text: what it did, in words, with the ids as key=value.
  const p = (t, level, msg) => shop.push({ t: t + OFF['shop-1'], line: `${iso(t + OFF['shop-1'], 3)} ${level.padEnd(5)} [checkout] ${msg}` });
  // The consumers write logfmt, the service and the host side by side.
  const worker = (list, host) => (t, f) =>
    list.push({ t: t + OFF[host], line: logfmtLine({ ts: iso(t + OFF[host], 3), level: f.level ?? 'info', svc: 'charge-worker', host, ...omit(f, 'level') }) });
  const w1 = worker(node1, 'pay-node-1');
  const w2 = worker(node2, 'pay-node-2');
  const hop = () => between(rng, 4, 9) * US + between(rng, 0, 999); // producer → broker → consumer

  let t = at(11, 20, 0, 0) + 412;
  w1(t - 40 * SEC, { msg: `partitions assigned: ${TOPIC}-2, ${TOPIC}-3`, group: GROUP, generation: 41 });
  w2(t - 40 * SEC + 3 * US, { msg: `partitions assigned: ${TOPIC}-0, ${TOPIC}-1`, group: GROUP, generation: 41 });
  // A payment that goes through once, as it should.
  p(t, 'INFO', 'order ord-4470 placed: 12.50 EUR, card ****4242');
  const s0 = t + 2 * US;
  p(s0, 'INFO', `sent charge for order ord-4470 to ${TOPIC} msg_id=pay-4470 amount=12.50 currency=EUR`);
  let x = s0 + hop();
  w1(x, { msg: `received payment from ${TOPIC}`, msg_id: 'pay-4470', group: GROUP, partition: 3, offset: 88119 });
  x += between(rng, 380, 520) * US;
  w1(x, { msg: 'charged card ****4242 12.50 EUR', order: 'ord-4470', psp_ref: 'ch_3Nf1qK' });
  w1(x + 600, { msg: 'offset committed', partition: 3, offset: 88120 });

  // The payment that is charged twice.
  t += 3 * SEC + between(rng, 100, 900) * US;
  p(t, 'INFO', 'order ord-4471 placed: 59.90 EUR, card ****1881');
  const s1 = t + 2 * US;
  p(s1, 'INFO', `sent charge for order ord-4471 to ${TOPIC} msg_id=pay-4471 amount=59.90 currency=EUR`);
  const r1 = s1 + hop();
  w1(r1, { msg: `received payment from ${TOPIC}`, msg_id: 'pay-4471', group: GROUP, partition: 3, offset: 88120 });
  // The card processor is slow; the worker misses its poll deadline while it waits.
  const slow = between(rng, 4700, 4900) * US;
  w1(r1 + 3 * SEC + 1_000, {
    level: 'warn',
    msg: 'member left group: poll interval exceeded while processing (max.poll.interval.ms=3000)',
    group: GROUP,
    partition: 3,
  });
  const charged1 = r1 + slow;
  w1(charged1, { msg: `charged card ****1881 59.90 EUR after ${Math.round(slow / US)} ms`, order: 'ord-4471', psp_ref: 'ch_3Nf2aB' });
  w1(charged1 + 900, { level: 'error', msg: 'offset commit rejected: partition 3 was reassigned in a rebalance', group: GROUP, partition: 3, offset: 88121 });
  // The coordinator gave partition 3 to the other worker, which starts from the last committed offset.
  const assigned = r1 + 3 * SEC + 1_000 + between(rng, 40, 90) * US;
  w2(assigned, { msg: `partitions assigned: ${TOPIC}-0, ${TOPIC}-1, ${TOPIC}-3`, group: GROUP, generation: 42 });
  const r2 = assigned + between(rng, 8, 15) * US;
  w2(r2, { msg: `received payment from ${TOPIC}`, msg_id: 'pay-4471', group: GROUP, partition: 3, offset: 88120 });
  const charged2 = r2 + between(rng, 390, 470) * US;
  w2(charged2, { msg: 'charged card ****1881 59.90 EUR', order: 'ord-4471', psp_ref: 'ch_3Nf9xT' });
  w2(charged2 + 700, { msg: 'offset committed', partition: 3, offset: 88121 });

  // The next payment goes to the new owner of partition 3, once.
  t = charged2 + 2 * SEC + between(rng, 100, 900) * US;
  p(t, 'INFO', 'order ord-4472 placed: 8.00 EUR, card ****0077');
  const s2 = t + 2 * US;
  p(s2, 'INFO', `sent charge for order ord-4472 to ${TOPIC} msg_id=pay-4472 amount=8.00 currency=EUR`);
  x = s2 + hop();
  w2(x, { msg: `received payment from ${TOPIC}`, msg_id: 'pay-4472', group: GROUP, partition: 3, offset: 88121 });
  x += between(rng, 380, 520) * US;
  w2(x, { msg: 'charged card ****0077 8.00 EUR', order: 'ord-4472', psp_ref: 'ch_3NfAa0' });
  w2(x + 600, { msg: 'offset committed', partition: 3, offset: 88122 });
  p(x + 20 * SEC, 'WARN', 'support ticket T-2291 for order ord-4471: customer reports two charges of 59.90 EUR');

  const readme = `# At-least-once delivery: a rebalance charges a card twice

**What happened.** \`checkout\` publishes one message per payment to the Kafka topic \`${TOPIC}\`. The
consumer group \`${GROUP}\` runs one \`charge-worker\` on each of two hosts, \`pay-node-1\` and
\`pay-node-2\`. A worker charges the card, then commits the message's offset. For payment \`pay-4471\`,
the card processor takes almost 5 s to answer. The worker on pay-node-1 misses its poll deadline
(\`max.poll.interval.ms=3000\`), so the group coordinator decides it is dead and **rebalances**: partition 3
moves to the worker on pay-node-2. That worker starts at the last committed offset, 88120, so the broker
**delivers pay-4471 again**. The first worker does charge the card (its commit is then rejected), and the
second has no deduplication, so it charges the card as well. The customer pays 59.90 EUR twice.

This is at-least-once delivery: the broker guarantees that every message arrives, not that it arrives once.
The consumer must make the repeat harmless, for example by keying the charge on the message id. Compare with
[double-transfer](../double-transfer/), where the client retries; here nobody retries, and the repeat comes
from the broker.

The broker writes no log here, as in most incident bundles. The messages are matched by \`msg_id\` from
what the two ends wrote. Files: \`checkout.log\` (plain text: the direction is only in the wording, "sent
charge … to ${TOPIC}"), \`pay-node-1.log\` and \`pay-node-2.log\` (logfmt, with \`svc=charge-worker\` and
\`host=…\` on every line: one service on two hosts, so two processes).

**What the analyzer shows.**
- 3 processes: \`checkout\` (its own clock domain), \`charge-worker\` on pay-node-1 and \`charge-worker@pay-node-2\`
  on pay-node-2 (one service on two hosts: the second host's lane is named \`service@host\`). 4 message edges
  (\`message-id\`): each payment's send and its deliveries, two for pay-4471.
- **1 \`non-idempotent-retry\`, critical**: "charge msg_id=pay-4471, sent once by checkout, was delivered twice (to
  charge-worker and charge-worker@pay-node-2) and did the work twice with no sign of deduplication". Outcome
  \`executed-twice\`, source \`broker\` (one send, two deliveries: nobody retried), operation \`charge\`.
- Its events: the send \`checkout:4\` and the two deliveries \`charge-worker:5\` and \`charge-worker@pay-node-2:3\`.
  The work it found after each delivery: the two "charged card ****1881 59.90 EUR" lines, \`charge-worker:7\` and
  \`charge-worker@pay-node-2:4\`.
- Nothing else: the clocks are a few milliseconds apart, less than the delays, so no skew; every send was
  delivered.

**What to click.** Click the critical anomaly: the one send on checkout and its two deliveries light up, one on
each worker. In pay-node-1's lane, the warning "member left group" comes before its charge, and the rejected
commit comes after it. In pay-node-2's lane, "partitions assigned" is just before the second delivery.
`;
  return {
    id: 'rebalance-double-charge',
    title: 'At-least-once delivery: a rebalance charges twice',
    summary: 'A slow card processor makes a consumer miss its poll deadline; the group rebalances and the broker redelivers the payment to the other worker, which charges the card a second time.',
    teaches: 'At-least-once delivery: a broker may deliver a message more than once, so a consumer with side effects must deduplicate.',
    files: { 'checkout.log': linesByTime(shop), 'pay-node-1.log': linesByTime(node1), 'pay-node-2.log': linesByTime(node2) },
    readme,
  };
}

// ---------------------------------------------------------------------------
// The manifest, the index README, and writing it all.

const QUICKSTART = {
  id: 'quickstart',
  title: 'Checkout with a lagging payment clock',
  summary: 'Three services; payments stamps a charge request 33 ms before checkout sent it. See the clock-skew anomaly and the corrected times that put every receive after its send.',
  teaches: 'No global clock: a receive stamped before its send bounds how far two clocks disagree.',
  files: ['quickstart/checkout.jsonl', 'quickstart/payments.jsonl', 'quickstart/warehouse.jsonl'],
};

export function buildSamples() {
  return [clockSkewTrades(), doubleTransfer(), idempotentTransfer(), lostAck(), k8sScaleUp(), k8sNodeFailure(), etcdQuorumLoss(), partition(), ntpStep(), rebalanceDoubleCharge()];
}

function indexReadme(samples) {
  const rows = [QUICKSTART, ...samples].map((s) => `| [\`${s.id}\`](${s.id}/) | ${s.title} | ${s.teaches} |`);
  return `# Sample incidents

Each folder is one incident from the course module "What Makes Systems Distributed", written as the log files
its servers would have produced. Each has a README: what happened, what the analyzer shows, and what to click.
Open one from the start page (the sample cards come from \`index.json\`) or from the command line:

    npx causeway analyze sample-logs/double-transfer

| Sample | Incident | What it teaches |
|---|---|---|
${rows.join('\n')}

Formats across the samples: plain-text logs (rsyslog high-precision, klog, plain ISO), JSON lines, logfmt
(also with a service and a host field side by side), CSV, Kubernetes events as JSON and as \`kubectl get
events\` / \`kubectl get pods -w\` tables, and a GoVector log set.

All folders except \`quickstart\` (hand-written) are generated by \`scripts/samples/generate-samples.mjs\`.
Regenerate them with

    npm run samples

The script is deterministic (seeded), so the files only change when the script does. \`tests/samples\` checks
that the committed files equal a fresh run, and that each sample gives exactly the anomalies its README names.

## A larger sample, on demand

For trying scale, \`npm run sample:large\` writes about 200 000 events (16 services on 4 hosts, JSON lines, about
30 MB) into \`large/\`. It is not committed; see [large/README.md](large/README.md) for what it contains and
how to generate other sizes and formats.
`;
}

export function writeSamples(outDir) {
  const samples = buildSamples();
  for (const s of samples) {
    const dir = join(outDir, s.id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(s.files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'README.md'), s.readme);
  }
  const index = [
    QUICKSTART,
    ...samples.map((s) => ({ id: s.id, title: s.title, summary: s.summary, teaches: s.teaches, files: Object.keys(s.files).sort().map((f) => `${s.id}/${f}`) })),
  ];
  writeFileSync(join(outDir, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  writeFileSync(join(outDir, 'README.md'), indexReadme(samples));
  return samples;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--out');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const out = i >= 0 && args[i + 1] ? resolve(args[i + 1]) : join(root, 'sample-logs');
  mkdirSync(out, { recursive: true });
  const samples = writeSamples(out);
  for (const s of samples) {
    const bytes = Object.values(s.files).reduce((n, f) => n + Buffer.byteLength(f), 0);
    console.log(`${s.id.padEnd(24)} ${Object.keys(s.files).length} files, ${bytes} bytes`);
  }
}
