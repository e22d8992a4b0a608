/**
 * The matcher's input, in columns: per event a key group, a role, the peers
 * named by to / from / peer and an attempt, whoever found them (the
 * message-id conventions, a user rule's key); nothing in the matcher knows
 * field names.
 */
/** Message endpoints of one execution, one entry per event. */
export interface Endpoints {
  /** The event's key group, 0 .. groupCount-1, or -1 when it is no endpoint. */
  group: Int32Array;
  groupCount: number;
  /** A MessageRole; None takes no part in pairing (a mention of the key). */
  role: Uint8Array;
  /** Peer references (peerProcess.ts) named by to / from / peer; -1 for none (or a name that is no process). */
  toProc: Int32Array;
  fromProc: Int32Array;
  peerProc: Int32Array;
  /** Any number equal on both sides of one try (e.g. an interned value); -1 when absent. */
  attempt: Int32Array;
  // The functions below use no `this`: the message ends keep them apart from the columns.
  /** The key text of a group, shown on its edges and in messages. */
  keyOf(group: number): string;
  /**
   * Whether keyOf makes its text anew on each call (a concatenation, never a slice of a
   * longer string such as a log line), so the string table may keep it without a copy.
   */
  keysMade?: boolean;
  /** Whether process p is (one of) the peer(s) a to / from / peer reference stands for (PeerResolver.accepts). */
  accepts(ref: number, p: number): boolean;
  /** The processes a reference stands for (PeerResolver.members). */
  members?(ref: number): readonly number[];
  /** The peer of e as the log wrote it (to for a send, from for a receive, else peer), or null. */
  peerName?(e: number): string | null;
}
