/**
 * Bidirectional control characters (U+202A–U+202E embeddings and overrides,
 * U+2066–U+2069 isolates) in a log's names and texts, shown as what they are
 * (`⟨U+202E⟩`) wherever the page or the SVG export displays them, so that
 * `pay\u202Egnp.exe` cannot read as `payexe.png` nor reorder the cells next
 * to it. Only display goes through here: exports keep the original text.
 */

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_ALL = /[\u202a-\u202e\u2066-\u2069]/g;

export function showBidi(s: string): string {
  return BIDI.test(s) ? s.replace(BIDI_ALL, (ch) => `⟨U+${ch.charCodeAt(0).toString(16).toUpperCase()}⟩`) : s;
}
