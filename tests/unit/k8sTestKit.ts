/** Shared helpers of the Kubernetes tests: run fixtures through analyze() and look up events and edges. */
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/core/analysis/analyze';
import type { InputData } from '../../src/core/read/analyzeInput';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { fieldsOf, type Execution } from '../../src/core/model/execution';

export function fixture(file: string): InputData {
  return { name: file, bytes: readFileSync(new URL(`../fixtures/k8s/${file}`, import.meta.url)) };
}

export function textInput(name: string, text: string): InputData {
  return { name, bytes: new TextEncoder().encode(text) };
}

export async function run(inputs: InputData[], options: AnalyzeOptions = {}) {
  const a = await analyze(inputs, options);
  const r = a.executions[0]!;
  return { a, r, x: r.execution };
}

/** Events of process `proc` (all processes when '') with this reason whose object name is `object` (any when omitted). */
export function eventsWhere(x: Execution, proc: string, reason: string, object?: string): number[] {
  const out: number[] = [];
  for (let e = 0; e < x.eventCount; e++) {
    if (proc && x.processNames[x.eventProc[e]!] !== proc) continue;
    const f = fieldsOf(x, e);
    if (f.reason !== reason) continue;
    if (object !== undefined && f.objectName !== object) continue;
    out.push(e);
  }
  return out;
}

export function one(x: Execution, proc: string, reason: string, object?: string): number {
  const found = eventsWhere(x, proc, reason, object);
  if (found.length !== 1) throw new Error(`expected one ${proc} ${reason} ${object ?? ''}, found ${found.length}`);
  return found[0]!;
}

export interface EdgeView {
  from: number;
  to: number;
  rule: string;
  key: string;
}

export function edgesOf(x: Execution): EdgeView[] {
  const out: EdgeView[] = [];
  for (let k = 0; k < x.edgeCount; k++) {
    out.push({ from: x.edgeFrom[k]!, to: x.edgeTo[k]!, rule: x.strings.get(x.edgeRule[k]!), key: x.strings.get(x.edgeKey[k]!) });
  }
  return out;
}

export function hasEdge(x: Execution, from: number, to: number, rule: string): boolean {
  return edgesOf(x).some((e) => e.from === from && e.to === to && e.rule === rule);
}

export function domainOf(x: Execution, proc: string): string {
  return x.domainNames[x.processDomain[x.processNames.indexOf(proc)]!]!;
}
