/** What the analysis reads: named inputs, as bytes in memory or as a stream of chunks. Types only. */
import type { BytesInput, StreamInput } from '../input/inputSource';

/** An input in memory. */
export type InputData = BytesInput;
/** What analyze() reads: bytes in memory, or a stream of chunks (a File, a file on disk), read once in pieces. */
export type AnalyzeInput = BytesInput | StreamInput;
