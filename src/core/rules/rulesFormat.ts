/**
 * Reads lines with the user's rules: the first rule (in order) whose input
 * glob fits the file and whose pattern matches the line turns it into an
 * event; its named groups become fields. A line no rule matches continues
 * the previous record (stack traces stay with their first line); before any
 * record it is skipped and reported. Per-rule match counts are kept, so the
 * editor can show live counts and a rule that matched nothing is reported.
 */
import type { FormatParser, FormatSpec, ParseContext } from '../input/formatParser';
import { executionFor } from '../input/executionFor';
import type { EventHandle } from '../model/executionBuilder';
import { parseTimestamp } from '../time/parseTimestamp';
import { splitLines } from '../input/decodeText';
import { compileRules, fillTemplate, type CompiledRule, type CompiledRules } from './ruleSet';

export const RULES_FORMAT_ID = 'rules';

/** Rules compiled once per options object, since detect() runs per input. */
const compiled = new WeakMap<object, CompiledRules>();
export function rulesOf(options: { rules?: import('./ruleSet').RuleSetSpec }): CompiledRules | undefined {
  const set = options.rules;
  if (!set) return undefined;
  let c = compiled.get(set);
  if (!c) compiled.set(set, (c = compileRules(set)));
  return c;
}

function lineRules(rules: CompiledRules, input: string): CompiledRule[] {
  return rules.rules.filter((r) => r.pattern && (!r.inputs || r.inputs.test(input)));
}

export const rulesFormat: FormatSpec = {
  id: RULES_FORMAT_ID,
  label: 'Lines read by user rules',
  detect(name, head, options) {
    const rules = rulesOf(options);
    if (!rules) return false;
    const applicable = lineRules(rules, name);
    if (applicable.length === 0) return false;
    const lines = head.split('\n', 50);
    return lines.some((l) => applicable.some((r) => r.pattern!.test(l.replace(/\r$/, ''))));
  },
  create: () => new RulesParser(),
};

export class RulesParser implements FormatParser {
  /** Matches per rule index, over all inputs. */
  readonly matches = new Map<number, number>();

  parse(input: string, text: string, ctx: ParseContext): void {
    const rules = rulesOf(ctx.options);
    if (!rules) {
      ctx.diagnostics.add(input, 0, 'error', 'this input was to be read by rules, but no rules were given: nothing was read');
      return;
    }
    const applicable = lineRules(rules, input);
    const b = ctx.execution(executionFor(input, ctx));
    const fallbackProcess = input.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
    const lines = splitLines(text);
    let last: EventHandle = -1;
    let continuation: string[] = [];
    let continued = 0;
    const flush = () => {
      if (last >= 0 && continuation.length) b.appendText(last, `\n${continuation.join('\n')}`);
      continuation = [];
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      let hit: { rule: CompiledRule; groups: Record<string, string> } | undefined;
      for (const rule of applicable) {
        const m = rule.pattern!.exec(line);
        if (m) {
          hit = { rule, groups: Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string> };
          break;
        }
      }
      if (!hit) {
        if (line.trim() === '') continue;
        if (last >= 0) {
          continuation.push(line);
          continued++;
        } else ctx.diagnostics.skip(input, i + 1, 'no rule matches this line and there is no record before it to continue');
        continue;
      }
      flush();
      const { rule, groups } = hit;
      this.matches.set(rule.index, (this.matches.get(rule.index) ?? 0) + 1);
      const get = (f: string) => groups[f];
      const process = (rule.spec.process && fillTemplate(rule.spec.process, get)) || fallbackProcess;
      const domain = (rule.spec.clockDomain && fillTemplate(rule.spec.clockDomain, get)) || undefined;
      const rawTime = rule.spec.time ? groups[rule.spec.time] : undefined;
      const time = rawTime === undefined ? null : parseTimestamp(rawTime);
      if (rawTime !== undefined && !time) ctx.diagnostics.add(input, i + 1, 'warning', `rule "${rule.name}": "${rawTime}" in field ${rule.spec.time} is not a timestamp; the event has no time`);
      const message = rule.spec.message ? fillTemplate(rule.spec.message, get) : null;
      last = b.addEvent(b.process(process, domain), { text: message ?? line, fields: groups, input, line: i + 1, time });
    }
    flush();
    if (continued > 0)
      ctx.diagnostics.add(input, 0, 'info', `${continued} lines matched no rule and were kept as continuations of the record before them`);
  }

  finish(ctx: ParseContext): void {
    const rules = rulesOf(ctx.options);
    if (!rules) return;
    for (const r of rules.rules)
      if (r.pattern && !this.matches.get(r.index))
        ctx.diagnostics.add('rules', 0, 'warning', `rule "${r.name}": its pattern matched no line of any input`);
  }
}
