/**
 * Times written inside the event texts of ShiViz records that no `date` or
 * `timestamp` group read: Voldemort's `[2013-05-24 23:28:00,637 …] INFO …`,
 * the US date after an IP in ShiViz's Facebook example. The layout and its
 * place are learnt from the texts as a text log's are (learnTimeLayout), and
 * each text is read with it. Only layouts with a year and a wall clock are
 * taken: a bare leading number (TSViz's nanoseconds since boot) is no date.
 */
import type { DiagnosticSink } from '../../model/diagnostic';
import { learnTimeLayout, PROBE_LINES } from '../textLog/learnTimeLayout';
import { fieldStart } from '../textLog/linePlaces';
import type { LoggedEvent } from './loggedEvent';

export function timesFromTexts(events: readonly LoggedEvent[], input: string, d: DiagnosticSink): void {
  if (events.length === 0 || events.some((e) => e.time !== null)) return;
  const p = learnTimeLayout(events.slice(0, PROBE_LINES).map((e) => e.text).join('\n'));
  const layout = p?.entry.layout;
  if (!p || !layout || !p.entry.hasYear || layout.wallClock === false || p.entry.id === 'epoch') return;
  let read = 0;
  let zoned = true;
  for (const e of events) {
    // At the learnt token, or the one after it (a stray `.` written before the time, as in Voldemort's log).
    let hit = null;
    for (let f = p.field; f <= p.field + 1 && !hit?.time; f++) {
      const at = fieldStart(e.text, f);
      hit = at < 0 ? null : layout.readAt(e.text, at);
    }
    if (!hit?.time) continue;
    e.time = hit.time;
    if (!hit.zoned) zoned = false;
    read++;
  }
  if (read > 0) {
    d.add(input, 0, 'info', `times read from the records' event texts (${p.entry.label}): ${read} of ${events.length} records${zoned ? '' : '; they carry no zone: read as UTC'}`);
  }
}
