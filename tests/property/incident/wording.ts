/**
 * The words an event is written with. Plain-text shapes say which way a
 * message went in words only: wording A (`sent POST /transfer to payments`,
 * `received … from gateway`) or wording B (`-> payments`, `<- gateway`,
 * `calling payments:`, `handling …`, `responded …`, `got response …`).
 * Structured shapes say it in fields, so their message is the bare
 * operation, with no direction word at all. Every text ends with the event's
 * tag `#<id>`, which maps the analyzer's events back to the model's.
 */
import type { ModelEvent } from './incidentModel';

export type Wording = 'A' | 'B' | 'bare';

export const tagOf = (e: ModelEvent) => `#${e.id}`;

/** The sentence for e, without its id fields and without its tag. */
export function sentence(e: ModelEvent, wording: Wording): string {
  const op = e.op ?? '';
  const peer = e.peer ?? '';
  const n = Number(e.id.slice(1));
  switch (e.role) {
    case 'local':
      return e.note!;
    case 'mention':
      return op ? `${e.note} ${op}` : e.note!;
    case 'request':
    case 'notify':
    case 'publish':
      if (wording === 'A') return `sent ${op} to ${peer}`;
      if (wording === 'B') return n % 2 ? `-> ${peer} ${op}` : `calling ${peer}: ${op}`;
      return op;
    case 'serve':
    case 'consume':
      if (wording === 'A') return `received ${op} from ${peer}`;
      if (wording === 'B') return n % 2 ? `<- ${peer} ${op}` : `handling ${op}`;
      return op;
    case 'reply':
      if (wording === 'A') return `sent reply 200 for ${op} to ${peer}`;
      if (wording === 'B') return `responded 200 for ${op}`;
      return '200 OK';
    case 'answer':
      if (wording === 'A') return `received reply 200 for ${op} from ${peer}`;
      if (wording === 'B') return n % 2 ? `<- ${peer} 200 OK` : `got response 200 for ${op}`;
      return '200 OK';
  }
}

/** Direction field values by role, for shapes that write one. */
export function directionWord(e: ModelEvent, words: 'plain' | 'inout' | 'span'): string | null {
  const table: Record<string, [string, string, string, string]> = {
    //        send      receive    reply(server) answer(client)
    plain: ['send', 'recv', 'reply', 'reply'],
    inout: ['outbound', 'inbound', 'response', 'response'],
    span: ['client', 'server', 'response', 'response'],
  };
  const [send, recv, reply, answer] = table[words]!;
  switch (e.role) {
    case 'request':
    case 'notify':
      return send;
    case 'publish':
      return words === 'span' ? 'producer' : send;
    case 'serve':
      return recv;
    case 'consume':
      return words === 'span' ? 'consumer' : recv;
    case 'reply':
      return reply;
    case 'answer':
      return answer;
    default:
      return null;
  }
}

/** Whether the event sends (its peer is a `to`) or receives (a `from`); null for neither. */
export function peerSide(e: ModelEvent): 'to' | 'from' | null {
  if (e.role === 'request' || e.role === 'notify' || e.role === 'publish' || e.role === 'reply') return 'to';
  if (e.role === 'serve' || e.role === 'consume' || e.role === 'answer') return 'from';
  return null;
}

/** Whether a server-side event (whose attempt a server that logs none leaves out). */
export function onServer(e: ModelEvent): boolean {
  return e.role === 'serve' || e.role === 'reply' || e.role === 'consume';
}
