/**
 * A top-level JSON value as field text. Strings stay as they are, nested
 * objects and arrays become compact JSON. Integers past 2^53 (snowflake ids,
 * nanosecond epochs) were already rounded by JSON.parse, and two different
 * ids could round to the same double and be paired by mistake, so their digits
 * are taken back from the raw line.
 */
export function jsonValueText(value: unknown, key: string, line: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : rawNumberText(line, key, value);
  if (value === null || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // JSON.stringify recurses and overflows the stack on very deep nesting,
    // which JSON.parse (iterative in V8) accepted; the value is then not shown.
    return `(${Array.isArray(value) ? 'array' : 'object'} nested too deeply to show)`;
  }
}

const NUMBER_AT = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The digits written for `"key": <number>` in the line, if they read back as
 * `value`; else the number's own text. Escaped keys are not searched for: the
 * fallback is only a loss of precision, never a wrong value.
 */
export function rawNumberText(line: string, key: string, value: number): string {
  const quoted = JSON.stringify(key);
  for (let at = line.indexOf(quoted); at >= 0; at = line.indexOf(quoted, at + 1)) {
    let i = at + quoted.length;
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== ':') continue;
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
    NUMBER_AT.lastIndex = i;
    const m = NUMBER_AT.exec(line);
    if (m && Number(m[0]) === value) return m[0];
  }
  return String(value);
}
