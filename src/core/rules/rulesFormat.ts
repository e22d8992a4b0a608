/**
 * Reads lines with the user's rules: the first rule (in order) whose input
 * glob fits the file and whose pattern matches the line turns it into an
 * event; its named groups become fields. A line no rule matches continues
 * the previous record (stack traces stay with their first line); before any
 * record it is skipped and reported. Per-rule match counts are kept, so the
 * editor can show live counts and a rule that matched nothing is reported.
 */
import { freshString } from '../base/stringTable';
import type { FormatParser, FormatSpec, ParseContext } from '../input/formatParser';
import { executionFor } from '../input/executionFor';
import type { EventHandle, ExecutionBuilder } from '../model/executionBuilder';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../input/lineSplitter';
import { parseTimestamp } from '../time/parseTimestamp';
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
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    const rules = rulesOf(ctx.options);
    if (!rules) {
      ctx.diagnostics.add(input, 0, 'error', 'this input was to be read by rules, but no rules were given: nothing was read');
      return { text: () => undefined, end: () => undefined };
    }
    return new RulesReader(input, ctx, lineRules(rules, input), this.matches);
  }

  finish(ctx: ParseContext): void {
    const rules = rulesOf(ctx.options);
    if (!rules) return;
    for (const r of rules.rules)
      if (r.pattern && !this.matches.get(r.index))
        ctx.diagnostics.add('rules', 0, 'warning', `rule "${r.name}": its pattern matched no line of any input`);
  }
}

class RulesReader implements LineSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fallbackProcess: string;
  private readonly splitter = new LineSplitter(this);
  private last: EventHandle = -1;
  private continuation: string[] = [];
  private continued = 0;

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
    private readonly applicable: CompiledRule[],
    private readonly matches: Map<number, number>,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    this.fallbackProcess = input.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
  }

  private flush(): void {
    if (this.last >= 0 && this.continuation.length) this.b.appendText(this.last, `\n${this.continuation.join('\n')}`);
    this.continuation = [];
  }

  line(line: string, lineNo: number): void {
    const { b, ctx, input } = this;
    let hit: { rule: CompiledRule; groups: Record<string, string> } | undefined;
    for (const rule of this.applicable) {
      const m = rule.pattern!.exec(line);
      if (m) {
        hit = { rule, groups: Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string> };
        break;
      }
    }
    if (!hit) {
      if (line.trim() === '') return;
      if (this.last >= 0) {
        this.continuation.push(line);
        this.continued++;
      } else ctx.diagnostics.skip(input, lineNo, 'no rule matches this line and there is no record before it to continue');
      return;
    }
    this.flush();
    const { rule, groups } = hit;
    this.matches.set(rule.index, (this.matches.get(rule.index) ?? 0) + 1);
    const get = (f: string) => groups[f];
    const process = (rule.spec.process && fillTemplate(rule.spec.process, get)) || this.fallbackProcess;
    const domain = (rule.spec.clockDomain && fillTemplate(rule.spec.clockDomain, get)) || undefined;
    const rawTime = rule.spec.time ? groups[rule.spec.time] : undefined;
    const time = rawTime === undefined ? null : parseTimestamp(rawTime);
    if (rawTime !== undefined && !time) ctx.diagnostics.add(input, lineNo, 'warning', `rule "${rule.name}": "${rawTime}" in field ${rule.spec.time} is not a timestamp; the event has no time`);
    const message = rule.spec.message ? fillTemplate(rule.spec.message, get) : null;
    this.last = b.addEvent(b.process(process, domain), { text: freshString(message ?? line), fields: groups, input, line: lineNo, time });
  }

  end(): void {
    this.splitter.end();
    this.flush();
    if (this.continued > 0)
      this.ctx.diagnostics.add(this.input, 0, 'info', `${this.continued} lines matched no rule and were kept as continuations of the record before them`);
  }
}
