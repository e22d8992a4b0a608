/**
 * The reader of analysis documents that docs/analysis-schema.md gives, taken
 * from the docs as written: tests read events through it, so the snippet a
 * user copies is the code the tests run.
 */
import { readFileSync } from 'node:fs';
import type { DocEvent } from '../../src/core/document/analysisDocument';

export type FullEvents = (doc: unknown, execution: unknown) => DocEvent[];

function docsReader(): FullEvents {
  const md = readFileSync(new URL('../../docs/analysis-schema.md', import.meta.url), 'utf8');
  const block = /## Reading events[\s\S]*?```js\n([\s\S]*?)```/.exec(md);
  if (!block) throw new Error('docs/analysis-schema.md has no ```js block under "## Reading events"');
  return new Function(`${block[1]}\nreturn fullEvents;`)() as FullEvents;
}

export const fullEvents = docsReader();

/** Execution i of a parsed document, its events read back as objects with whole clocks. */
export function docEvents(doc: { executions: unknown[] }, i = 0): DocEvent[] {
  return fullEvents(doc, doc.executions[i]);
}
