/**
 * The field names and values that message-id inference understands, shared by
 * the inference and by the explanation given when it finds nothing.
 */

/** Id fields, in priority order when an event carries several. */
export const ID_FIELDS = ['msg_id', 'message_id', 'request_id', 'req_id', 'x_request_id', 'correlation_id', 'rpc_id'] as const;
/** Used together as one id when none of ID_FIELDS is present. */
export const TRACE_FIELD = 'trace_id';
export const SPAN_FIELD = 'span_id';
export const DIRECTION_FIELDS = ['dir', 'direction', 'kind', 'type'] as const;
export const TO_FIELDS = ['to', 'dest'] as const;
export const FROM_FIELDS = ['from', 'src'] as const;
/** The other side, whichever way the message went. */
export const PEER_FIELD = 'peer';
/**
 * Where a producer put a message or a consumer took it from (a broker's topic or
 * queue): the other side's name when no to/from/peer field gives one. Only a name
 * for findings ("no log from payment-requests"), never a pairing constraint, as
 * topics are often named like the services that use them.
 */
export const TOPIC_FIELDS = ['topic', 'queue', 'exchange'] as const;
export const ATTEMPT_FIELD = 'attempt';

export const MessageRole = { None: 0, Send: 1, Receive: 2, Reply: 3 } as const;
export type MessageRole = (typeof MessageRole)[keyof typeof MessageRole];

/**
 * Direction words, lower case. `client`/`server` and `producer`/`consumer`
 * are span kinds (OpenTelemetry); a reply is resolved per process later, as it
 * is a send on the server but what the client logs when the answer arrives.
 */
const ROLE_OF_WORD: ReadonlyMap<string, MessageRole> = new Map<string, MessageRole>([
  ...['send', 'sent', 'out', 'outbound', 'request', 'client', 'producer'].map((w) => [w, MessageRole.Send] as const),
  ...['recv', 'receive', 'received', 'in', 'inbound', 'server', 'handle', 'consumer'].map((w) => [w, MessageRole.Receive] as const),
  ...['response', 'reply'].map((w) => [w, MessageRole.Reply] as const),
]);

export function roleOfWord(value: string): MessageRole {
  return ROLE_OF_WORD.get(value.trim().toLowerCase()) ?? MessageRole.None;
}

/** Id values that loggers write for "no id"; they would join unrelated events. */
const NO_ID = new Set(['', '-', 'null', 'nil', 'none', 'undefined', 'n/a']);

export function isPlaceholderId(value: string): boolean {
  // Every placeholder starts, once trimmed, with '-', 'n' or 'u'; most ids are turned away by their first character.
  const c = value.charCodeAt(0) | 0x20;
  if (value.length > 0 && c !== 0x2d && c !== 0x6e && c !== 0x75 && !mayBeSpace(value.charCodeAt(0))) return false;
  return NO_ID.has(value.trim().toLowerCase());
}

/** Whether trim() may remove a character of this code: every white space and line end is ≤ 32 or ≥ 0xa0. */
function mayBeSpace(c: number): boolean {
  return c <= 0x20 || c >= 0xa0;
}

/** Every field name above, for telling convention fields from the rest. */
export const CONVENTION_FIELDS: ReadonlySet<string> = new Set<string>([
  ...ID_FIELDS,
  TRACE_FIELD,
  SPAN_FIELD,
  ...DIRECTION_FIELDS,
  ...TO_FIELDS,
  ...FROM_FIELDS,
  PEER_FIELD,
  ATTEMPT_FIELD,
]);
