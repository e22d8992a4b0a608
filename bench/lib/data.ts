/**
 * Generated inputs for the bench, under bench/.data (gitignored), reused when
 * a folder's ground truth says it was made with the same options.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateTo } from '../../scripts/generate/cli';
import type { GenFormat } from '../../scripts/generate/formats';
import { withDefaults, type GenOptions } from '../../scripts/generate/model';
import type { InputData } from '../../src/core/read/analyzeInput';
import { log, now } from './measure';

export interface Dataset {
  dir: string;
  format: GenFormat;
  files: string[];
  bytes: number;
  events: number;
  truth: Record<string, unknown>;
}

export function dataset(root: string, format: GenFormat, options: GenOptions): Dataset {
  const o = withDefaults(options);
  const dir = join(root, `${format}-${o.events}-p${o.processes}-r${o.receiveShare}-s${o.seed}`);
  const truthPath = join(dir, '.truth.json');
  if (existsSync(truthPath)) {
    try {
      const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, unknown>;
      if (JSON.stringify(truth['options']) === JSON.stringify(o)) {
        return { dir, format, files: truth['files'] as string[], bytes: truth['bytes'] as number, events: o.events, truth };
      }
    } catch {
      // regenerate below
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const t0 = now();
  const r = generateTo(dir, format, o);
  log(`generated ${format} ${o.events} events, ${(r.bytes / 1e6).toFixed(1)} MB in ${((now() - t0) / 1000).toFixed(1)} s`);
  return { dir, format, files: r.files, bytes: r.bytes, events: o.events, truth: r.truth };
}

/** The dataset's files as analyze() inputs (names as the CLI gives them: base names). */
export function readInputs(d: Dataset): InputData[] {
  return readdirSync(d.dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(d.dir, name)) }));
}
