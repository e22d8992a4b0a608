/**
 * Splits text that holds one or more JSON values one after another (a pretty
 * printed List, `-w -o json` output of concatenated objects, JSON lines) into
 * values with the line each starts on. A character scan tracks strings and
 * nesting depth, so a value may span lines and several may share one. While
 * scanning it also notes where each object directly inside a top-level
 * value's array begins (the `items` of a List), so every item can be named
 * by its own line. A value that does not parse, or that the text ends inside
 * (a truncated dump), becomes a problem with its line; reading goes on with
 * the next value starting at the beginning of a line (JSON lines), and the
 * complete items of a List cut short are still read.
 */

export interface JsonValueAt {
  value: unknown;
  line: number;
  /** Lines of the objects that open directly inside an array at depth 1, in order. */
  itemLines: number[];
}

export interface ReadProblem {
  line: number;
  message: string;
}

/** Objects directly inside an array at depth 1 (a List's items, or a top-level array's elements). */
function isItemDepth(stack: string[]): boolean {
  return (stack.length === 2 && stack[1] === '[') || (stack.length === 1 && stack[0] === '[');
}

function countNewlines(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) k++;
  return k;
}

export function readJsonValues(text: string): { values: JsonValueAt[]; problems: ReadProblem[] } {
  const values: JsonValueAt[] = [];
  const problems: ReadProblem[] = [];
  const n = text.length;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',') {
      i++;
      continue;
    }
    if (c !== '{' && c !== '[') {
      // Not JSON here (a stray word, a kubectl warning): skip the rest of the line.
      const end = text.indexOf('\n', i);
      problems.push({ line, message: `not a JSON object: ${JSON.stringify(text.slice(i, end < 0 ? n : end).slice(0, 60))}` });
      i = end < 0 ? n : end;
      continue;
    }
    const start = i;
    const startLine = line;
    const stack: string[] = [];
    const items: { start: number; end: number; line: number }[] = [];
    let inString = false;
    let done = false;
    for (; i < n; i++) {
      const ch = text[i]!;
      if (ch === '\n') line++;
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') {
        if (ch === '{' && isItemDepth(stack)) items.push({ start: i, end: -1, line });
        stack.push(ch);
      } else if (ch === '}' || ch === ']') {
        stack.pop();
        if (ch === '}' && isItemDepth(stack) && items.length > 0) items[items.length - 1]!.end = i + 1;
        if (stack.length === 0) {
          i++;
          done = true;
          break;
        }
      }
    }
    let why = '';
    if (done) {
      try {
        values.push({ value: JSON.parse(text.slice(start, i)), line: startLine, itemLines: items.map((it) => it.line) });
        continue;
      } catch (err) {
        why = `not valid JSON: ${err instanceof Error ? err.message.slice(0, 100) : String(err)}`;
      }
    } else {
      why = 'cut off: the input ends inside it (truncated dump?)';
    }
    // JSON lines: a bad line must not swallow the lines after it. A value
    // that starts at column 0 further on is where reading resumes.
    const next = text.indexOf('\n{', start);
    if (next >= 0 && next < (done ? i : n)) {
      const resume = startLine + countNewlines(text, start, next + 1);
      problems.push({ line: startLine, message: `JSON value starting here is broken or incomplete; reading resumes at line ${resume}` });
      line = resume;
      i = next + 1;
      continue;
    }
    // A List cut short: its complete items are still worth reading.
    const whole = items.filter((it) => it.end > 0);
    let salvaged = 0;
    for (const it of whole) {
      try {
        values.push({ value: JSON.parse(text.slice(it.start, it.end)), line: it.line, itemLines: [] });
        salvaged++;
      } catch {
        // An item that is itself broken stays out; the problem below covers it.
      }
    }
    const tail = salvaged > 0 ? `; its ${salvaged} complete item${salvaged === 1 ? ' was' : 's were'} read` : '';
    problems.push({ line: startLine, message: `JSON value starting here is ${why}${tail}` });
    if (!done) break;
  }
  return { values, problems };
}
