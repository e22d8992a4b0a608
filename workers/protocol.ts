/**
 * What the page and the analysis worker share: the worker's API surface
 * (called through Comlink) and the files it is given. Types only, so the page
 * imports this and no worker module (the import graph test holds it).
 */
import type { AnalyzeOptions } from '../src/core/analysis/analyzeOptions';
import type { ExportFormat } from '../src/core/export/exportFormats';
import type { PackedPart } from '../src/core/parallel/packPart';
import type { Progress } from '../src/core/read/analyzeHooks';
import type { AnomalyGroup } from '../src/core/session/anomalyIndex';
import type { FindingItem } from '../src/core/session/findingList';
import type { CorrelationList, ProposalItem } from '../src/core/session/correlationIndex';
import type { AnalysisSummary, EarlyLanes, EarlyLanesRequest, EventDetails, Highlight, LogIndex, SearchAnswer, SessionProgress } from '../src/core/session/analyzerSession';
import type { LaneData } from '../src/core/view/laneData';
import type { ChartData } from '../src/core/session/chartSeries';
import type { LogOrder } from '../src/core/session/eventOrders';
import type { DiffOptions, ExecutionDiff } from '../src/core/session/executionDiff';
import type { LogRow } from '../src/core/session/logRows';
import type { RecordCount } from '../src/core/input/shiviz/regexGuess';

/** A named blob: dropped files keep their folder path here, which File.name cannot. */
export interface NamedBlob {
  name: string;
  blob: Blob;
}

/** The analysis as the worker answers it: lanes sent early (onLanes) are null here, the page has them already. */
export interface AnalyzeAnswer {
  summary: AnalysisSummary;
  lanes: (LaneData | null)[];
}

export interface AnalyzerApi {
  /**
   * `elsewhere`: files other workers are reading (readPart), which this one
   * skips; it asks `fetchParts` for their packed parts (transferred in) when
   * its reading gets to them. With `early`, the first execution's lanes, if it
   * is that big, go to `onLanes` (transferred) as soon as its clocks are known.
   */
  analyze(
    files: NamedBlob[],
    options: AnalyzeOptions,
    onProgress: (p: SessionProgress) => void,
    elsewhere?: string[],
    fetchParts?: () => Promise<PackedPart[]>,
    early?: EarlyLanesRequest,
    onLanes?: (e: EarlyLanes) => void,
  ): Promise<AnalyzeAnswer>;
  /** A parallel worker's job: read a group of the files as one packed part, transferred back. */
  readPart(files: NamedBlob[], options: AnalyzeOptions, onProgress: (p: Progress) => void): Promise<PackedPart>;
  eventDetails(exec: number, e: number): EventDetails;
  highlight(exec: number, e: number): Highlight;
  exportJson(): string;
  /** Any export format as a Blob (structured-cloned by reference, not copied). */
  exportBlob(format: ExportFormat): Blob;
  anomalyGroups(exec: number): AnomalyGroup[];
  findings(exec: number): FindingItem[];
  correlations(exec: number, query: string): CorrelationList;
  /** A correlation group's events (transferred). */
  correlationEvents(exec: number, index: number): Uint32Array;
  correlationProposals(exec: number): ProposalItem[];
  logIndex(exec: number, order: LogOrder): LogIndex;
  logRows(exec: number, order: LogOrder, start: number, count: number): LogRow[];
  search(exec: number, query: string): Promise<SearchAnswer>;
  cancelSearch(): void;
  chartSeries(exec: number): ChartData;
  compare(a: number, b: number, options: DiffOptions): ExecutionDiff;
  cancel(): void;
  /** Records a ShiViz regex reads in a sample (the regex prompt's live count); run in a worker of its own, which the page may stop. */
  countRecords(sample: string, regex: string): RecordCount | { error: string };
}

/** Posted by a worker once it holds its life lock (workerLife.ts): the page asks for that lock, granted when the worker is gone. */
export interface LifeMessage {
  causewayLife: string;
}
