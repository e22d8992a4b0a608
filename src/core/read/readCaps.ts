/** The read stage's sizes: the document cap, the head format detection sees, and how often progress is reported. */

/**
 * Formats that read one whole document (ShiViz, Kubernetes dumps, trace
 * JSON) need the input as one string; past this size such an input is
 * refused with a diagnostic instead (browsers cap strings near 512 MB).
 * Line-based formats stream and have no cap.
 */
export const DOCUMENT_SIZE_CAP = 256 * 1024 * 1024;
/** Characters of an input's start that format detection looks at. */
export const HEAD_CHARS = 65536;
/** Progress is reported (and the checkpoint called) after this many bytes or this long, whichever comes first. */
export const PROGRESS_BYTES = 16 * 1024 * 1024;
export const PROGRESS_MS = 50;
