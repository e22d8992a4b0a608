import { DEFAULT_EXECUTION, type ParseContext } from '../../src/core/input/formatParser';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/**
 * What tests that drive a format's reader directly share: a parse context
 * that keeps its builders and diagnostics, and inputs built as bytes.
 */

/** A parse context with a builder per execution, and what they built (the default execution, or all). */
export function collectingContext() {
  const sink = new DiagnosticSink();
  const builders = new Map<string, ExecutionBuilder>();
  const ctx: ParseContext = {
    diagnostics: sink,
    options: {},
    execution(n) {
      let b = builders.get(n);
      if (!b) builders.set(n, (b = new ExecutionBuilder(n)));
      return b;
    },
  };
  return {
    ctx,
    sink,
    /** The default execution built (empty when nothing was read into it), with the diagnostics. */
    result: () => ({ x: (builders.get(DEFAULT_EXECUTION) ?? new ExecutionBuilder(DEFAULT_EXECUTION)).build(), diagnostics: sink.items }),
    /** Every execution built, with the diagnostics. */
    all: () => ({ executions: [...builders.values()].map((b) => b.build()), diagnostics: sink.items }),
  };
}

/** A piece of input as bytes are built: text (UTF-8 encoded) or one raw byte. */
export type Tok = string | number;

const encoder = new TextEncoder();

export function encode(toks: readonly Tok[]): Uint8Array {
  const parts: number[] = [];
  for (const t of toks) {
    if (typeof t === 'number') parts.push(t);
    else for (const b of encoder.encode(t)) parts.push(b);
  }
  return Uint8Array.from(parts);
}
