/**
 * Android logcat's two common line layouts, read as whole lines so the
 * header becomes fields (pid, tid, level, tag) and the message starts after
 * the tag's colon:
 *
 * - `threadtime` (the default): `03-17 16:13:38.811  1702  2395 D WindowManager: msg`
 * - `time`: `03-17 16:13:38.811 D/WindowManager( 1702): msg`
 *
 * Neither writes a year (see the text reader's year choice).
 */
import { monthDayLayout } from '../../time/layouts/numericLayouts';
import type { TimestampShape } from './timestampShapes';

const LEVELS: Record<string, string> = { V: 'verbose', D: 'debug', I: 'info', W: 'warning', E: 'error', F: 'fatal', A: 'assert' };

const THREADTIME_HEAD = / +(\d+) +(\d+) ([VDIWEFA]) (.*?): /y;
const TIME_HEAD = / ([VDIWEFA])\/(.*?)\( *(\d+)\): /y;

export const logcatThreadtime: TimestampShape = {
  id: 'logcat-threadtime',
  label: 'Android logcat (threadtime)',
  hasYear: false,
  read(line) {
    const hit = monthDayLayout.readAt(line, 0);
    if (!hit) return null;
    THREADTIME_HEAD.lastIndex = hit.end;
    const m = THREADTIME_HEAD.exec(line);
    if (!m) return null;
    const fields: [string, string][] = [
      ['pid', m[1]!],
      ['tid', m[2]!],
      ['level', LEVELS[m[3]!]!],
      ['tag', m[4]!.trim()],
    ];
    return { time: null, yearless: hit.yearless!, rest: THREADTIME_HEAD.lastIndex, start: 0, fields };
  },
};

export const logcatTime: TimestampShape = {
  id: 'logcat-time',
  label: 'Android logcat (time)',
  hasYear: false,
  read(line) {
    const hit = monthDayLayout.readAt(line, 0);
    if (!hit) return null;
    TIME_HEAD.lastIndex = hit.end;
    const m = TIME_HEAD.exec(line);
    if (!m) return null;
    const fields: [string, string][] = [
      ['pid', m[3]!],
      ['level', LEVELS[m[1]!]!],
      ['tag', m[2]!.trim()],
    ];
    return { time: null, yearless: hit.yearless!, rest: TIME_HEAD.lastIndex, start: 0, fields };
  },
};
