/**
 * Which way a message went, read from the log text when no field says so:
 * `sent … to B`, `received … from A`, `-> B`, `<- A`, `calling B`,
 * `handling …`, and `response`/`reply` (a reply: a send on the server, a
 * receive on the client that sent the request; pairEndpoints decides which).
 * The peer, where the text names one, comes back too. Only wording decides;
 * timestamps never do. Patterns are tried in order, most specific first, so
 * "received response from A" is a receive from A. A line that reports a
 * failure ("writing response failed", "call timed out") is not the message
 * itself, so it gets no direction: taking it for one would pair it in place
 * of the message that did go through.
 */
import { MessageRole } from './messageConventions';

export interface TextDirection {
  role: MessageRole;
  peer: string | null;
}

const NAME = String.raw`([A-Za-z0-9_][\w.@:/-]*)`;
const PATTERNS: [RegExp, MessageRole][] = [
  [new RegExp(String.raw`->\s*${NAME}`), MessageRole.Send],
  [new RegExp(String.raw`<-\s*${NAME}`), MessageRole.Receive],
  [new RegExp(String.raw`\bsen(?:t|ds?|ding)\b.*?\bto\s+${NAME}`, 'i'), MessageRole.Send],
  [new RegExp(String.raw`\breceiv(?:ed|es|e|ing)\b.*?\bfrom\s+${NAME}`, 'i'), MessageRole.Receive],
  [new RegExp(String.raw`\bcalling\s+${NAME}`, 'i'), MessageRole.Send],
  [/\b(?:response|reply|replied|replying|responded|responding)\b/i, MessageRole.Reply],
  [/\b(?:handling|handled|received|receiving|got)\b/i, MessageRole.Receive],
  [/\b(?:sent|sending|calling|send)\b/i, MessageRole.Send],
];

/** Text longer than this is only read at its start: the wording is near the front. */
const MAX_CHARS = 512;

const FAILURE = /\b(?:fail(?:s|ed|ure|ing)?|errors?|timed? ?out|timeout|refused|reset|closed|abort(?:s|ed)?|dropp(?:ed|ing)|could not|cannot|unable)\b/i;

export function directionFromText(text: string): TextDirection | null {
  const head = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  if (FAILURE.test(head)) return null;
  for (const [re, role] of PATTERNS) {
    const m = re.exec(head);
    // "to ledger." ends a sentence: the dot is not part of the name.
    if (m) return { role, peer: m[1] ? m[1].replace(/[.:/-]+$/, '') : null };
  }
  return null;
}
