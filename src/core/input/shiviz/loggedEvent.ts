/** One record of a ShiViz log, read but not yet placed in an execution. */
import type { WallTime } from '../../model/eventTime';
import type { VectorClock } from './clockJson';

/** The field that keeps each event's clock as logged, for checkLoggedClocks. */
export const CLOCK_FIELD = 'clock';

export interface LoggedEvent {
  host: string;
  clock: VectorClock;
  /** The clock's entry for its own host: its position in the host's program order. */
  own: number;
  input: string;
  line: number;
  text: string;
  fields: [string, string][];
  time: WallTime | null;
  /** Order of reading across all inputs; breaks ties so sorting is stable. */
  arrival: number;
}
