import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import { formatBytes } from '../input/archive/archiveBudget';
import { ChunkDecoder } from '../input/chunkDecoder';
import type { FormatParser, FormatSpec, ParseContext } from '../input/formatParser';
import { FORMATS } from '../input/formats';
import { chunksOf, concatBytes, inputSize } from '../input/inputSource';
import type { DiagnosticSink } from '../model/diagnostic';
import { ExecutionBuilder } from '../model/executionBuilder';
import type { RereadableInput, TextOrigin } from '../model/fileTexts';
import type { AnalyzeHooks } from './analyzeHooks';
import type { AnalyzeInput } from './analyzeInput';
import { detectFormat, formatOrReport } from './detectFormat';
import { noteRegexGuess } from './regexGuessNote';
import { InputReading } from './inputReading';
import type { InputSummary } from './inputSummary';
import { emptyReadingReport, mergeReadingReport } from './readingReport';
import { DOCUMENT_SIZE_CAP, HEAD_CHARS, PROGRESS_BYTES, PROGRESS_MS } from './readCaps';

/**
 * Reads inputs one at a time into execution builders: decode, detect,
 * parse, with progress and checkpoints between chunks. The read stage and
 * readPart (a group of inputs in a parallel worker) both read through it.
 */
export class InputReader {
  readonly builders = new Map<string, ExecutionBuilder>();
  readonly parsers = new Map<FormatSpec, FormatParser>();
  readonly summaries: InputSummary[] = [];
  readonly ctx: ParseContext;
  bytesDone = 0;
  private reportedBytes = 0;
  private reportedAt = now();
  /** The reading report of the input being read. */
  private reading: InputReading | null = null;
  /** Inputs read as one whole document: their records are counted from the built executions (completeReadings). */
  readonly documentInputs = new Set<string>();
  /** Where the chunk being parsed lies in its input, for the builders (texts kept as positions: fileTexts.ts). */
  private readonly origin: TextOrigin = { chunk: null, input: '', at: -1, bytes: null };

  constructor(
    private readonly options: AnalyzeOptions,
    private readonly hooks: AnalyzeHooks,
    private readonly sink: DiagnosticSink,
    private readonly bytesTotal: number,
    makeBuilder: (name: string) => ExecutionBuilder,
    /** Events read elsewhere, for progress. */
    private readonly eventsElsewhere = 0,
  ) {
    const { builders, summaries } = this;
    const readingOf = () => this.reading;
    const origin = this.origin;
    this.ctx = {
      diagnostics: sink,
      options,
      execution(name) {
        let b = builders.get(name);
        if (!b) {
          builders.set(name, (b = makeBuilder(name)));
          b.textOrigin = origin;
        }
        return b;
      },
      reportColumns(input, report) {
        const summary = summaries.find((s) => s.name === input);
        if (summary) summary.columns = report;
      },
      reportReading(input, report) {
        const reading = readingOf();
        if (reading?.input === input) reading.reported(report);
        else {
          // Said after the input was read (a parser's finish()): merged as it stands.
          const summary = summaries.find((s) => s.name === input);
          if (summary) mergeReadingReport(summary.reading, report);
        }
      },
    };
  }

  private report(): void {
    this.reportedBytes = this.bytesDone;
    this.reportedAt = now();
    let events = this.eventsElsewhere;
    for (const b of this.builders.values()) events += b.eventCount;
    this.hooks.onProgress?.({ stage: 'read', bytesDone: this.bytesDone, bytesTotal: this.bytesTotal, events });
  }

  /** Between chunks: progress and the checkpoint, every PROGRESS_BYTES or PROGRESS_MS. */
  private async between(): Promise<void> {
    if (this.bytesDone - this.reportedBytes >= PROGRESS_BYTES || now() - this.reportedAt >= PROGRESS_MS) {
      this.report();
      await this.hooks.checkpoint?.();
    }
  }

  /**
   * Reads one input. `accept`, when given, is asked about the input's format
   * before anything about it is reported; an input it turns down (or one
   * that is not text, or of no format it could accept) is left unread, with
   * no summary and no diagnostics, and read() returns false.
   */
  async read(input: AnalyzeInput, accept?: (spec: FormatSpec) => boolean): Promise<boolean> {
    const { sink, options, ctx, parsers } = this;
    await this.hooks.checkpoint?.();
    const size = inputSize(input);
    const summary: InputSummary = { name: input.name, format: 'unknown', bytes: size, events: 0, skipped: 0, reading: emptyReadingReport() };
    const startBytes = this.bytesDone;
    const chunks = chunksOf(input)[Symbol.asyncIterator]();
    const decoder = new ChunkDecoder();
    let ended = false;
    /** ChunkDecoder.aligned for the text next() gave last. */
    let bytes: Uint8Array | null = null;
    /** ChunkDecoder.alignedAt for it: where it lies in the input, when it is the input's own bytes. */
    let bytesAt = -1;
    // An input that can be read again (the CLI's files) has its texts kept as positions where chunks allow.
    const again = (input as RereadableInput).reread ?? null;
    const origin = this.origin;
    /** Says to the builders where text t (ChunkDecoder's last) lies in the input, if anywhere. */
    const at = (t: string, where: number) => {
      origin.chunk = again !== null && where >= 0 ? t : null;
      origin.at = where;
    };
    origin.input = input.name;
    origin.bytes = again;
    /** The next piece of text, or null at the end. */
    const next = async (): Promise<string | null> => {
      if (ended) return null;
      const r = await chunks.next();
      if (r.done) {
        ended = true;
        const t = decoder.end();
        bytes = null;
        bytesAt = -1;
        return t;
      }
      this.bytesDone += r.value.length;
      const t = decoder.push(r.value);
      bytes = decoder.aligned;
      bytesAt = decoder.alignedAt;
      return t;
    };
    try {
      const headParts: string[] = [];
      let headLength = 0;
      // The parts' aligned bytes, while each part is aligned and lies right after the one before in the input
      // (a small input streamed in pieces): the head is then aligned too, and lies where its first part does.
      let headPieces: Uint8Array[] | null = [];
      let headAt = -1;
      while (headLength < HEAD_CHARS) {
        const t = await next();
        if (t === null) break;
        if (t.length > 0 && headPieces !== null) {
          if (bytes === null || bytesAt < 0 || (headPieces.length > 0 && bytesAt !== headAt + headLength)) headPieces = null;
          else {
            if (headPieces.length === 0) headAt = bytesAt;
            headPieces.push(bytes);
          }
        }
        headParts.push(t);
        headLength += t.length;
      }
      // One part is handed on as it is: the builders know the chunk by its identity (TextOrigin).
      const headText = headParts.length === 1 ? headParts[0]! : headParts.join('');
      const headBytes = headParts.length === 1 ? bytes : headPieces !== null && headPieces.length > 0 ? concatBytes(headPieces, headLength) : null;
      if (headBytes === null) headAt = -1;
      const notText = decoder.notTextReason(headText);
      const head = headText.length > HEAD_CHARS ? headText.slice(0, HEAD_CHARS) : headText;
      const detected = notText ? undefined : detectFormat(input.name, head, options, ctx.sourceOf?.(input.name)?.format);
      if (accept && (notText || typeof detected !== 'object' || !accept(detected))) return false;
      this.summaries.push(summary);
      if (notText) {
        sink.add(input.name, 0, 'error', notText);
        return true;
      }
      const spec = formatOrReport(input.name, detected, options, sink);
      noteRegexGuess(input.name, head, spec, options, summary, sink);
      if (spec === 'unrecognised') {
        // Said with the input's line count, which takes reading it through.
        const counter = new InputReading(input.name, summary.reading, sink, true);
        counter.text(headText);
        for (let t = await next(); t !== null; t = await next()) {
          counter.text(t);
          await this.between();
        }
        const { lines } = counter.complete(true, decoder.nulLines, decoder.endsDropped);
        decoder.report(input.name, sink);
        // Where every line held NUL bytes nothing was left to recognise: the decoder's report says so.
        if (decoder.nulLines < lines) sink.add(input.name, 0, 'warning', `format not recognised; none of its ${lines} lines were read (known formats: ${FORMATS.map((f) => f.id).join(', ')})`);
        return true;
      }
      if (!spec) {
        if (decoder.nulLines > 0) {
          // Nothing left to read (every line held NUL bytes), but the lines were there: counted as skipped, and said.
          const counter = new InputReading(input.name, summary.reading, sink, true);
          counter.text(headText);
          for (let t = await next(); t !== null; t = await next()) counter.text(t);
          decoder.report(input.name, sink);
          counter.complete(false, decoder.nulLines, decoder.endsDropped);
        }
        return true;
      }
      summary.format = spec.id;
      let parser = parsers.get(spec);
      if (!parser) parsers.set(spec, (parser = spec.create()));
      const reading = (this.reading = new InputReading(input.name, summary.reading, sink, parser.reader !== undefined && parser.countsLines !== true));
      if (!parser.reader) this.documentInputs.add(input.name);
      if (parser.reader) {
        const reader = parser.reader(input.name, head, ctx);
        reading.text(headText);
        at(headText, headAt);
        reader.text(headText, headBytes);
        reading.afterText();
        for (let t = await next(); t !== null; t = await next()) {
          reading.text(t);
          at(t, bytesAt);
          reader.text(t, bytes);
          reading.afterText();
          await this.between();
        }
        origin.chunk = null;
        reader.end();
        decoder.report(input.name, sink);
        reading.complete(false, decoder.nulLines, decoder.endsDropped);
        return true;
      }
      // A whole-document format: one string, up to the cap.
      const cap = this.hooks.documentSizeCap ?? DOCUMENT_SIZE_CAP;
      const refuse = () =>
        sink.add(
          input.name,
          0,
          'error',
          `${input.name} is ${formatBytes(size)}; ${spec.label} is read as one whole document, and inputs over ${formatBytes(cap)} are not read that way: not read`,
        );
      if (size > cap) {
        refuse();
        return true;
      }
      const parts = [headText];
      let over = false;
      for (let t = await next(); t !== null; t = await next()) {
        parts.push(t);
        if (this.bytesDone - startBytes > cap) {
          over = true;
          break;
        }
        await this.between();
      }
      if (over) {
        refuse();
        return true;
      }
      parser.parse(input.name, parts.join(''), ctx);
      decoder.report(input.name, sink);
      reading.complete(false, decoder.nulLines, decoder.endsDropped);
      return true;
    } finally {
      origin.chunk = null;
      origin.bytes = null;
      this.reading = null;
      if (!ended) await chunks.return?.(undefined);
      this.bytesDone = startBytes + size;
      this.report();
    }
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
