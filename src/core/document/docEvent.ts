/** One event of the analysis document (analysisDocument.ts), as the document's rows, the NDJSON export and the CSV read it. Types only, so every module that shapes events can import it without a cycle. */
export interface DocEvent {
  id: string;
  process: string;
  seq: number;
  source: { input: string; line: number };
  time: string | null;
  correctedTime: string | null;
  lamport: number;
  vc: Record<string, number>;
  kind: string;
  text: string;
  fields: Record<string, string>;
}
