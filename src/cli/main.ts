import { isMainThread } from 'node:worker_threads';
import { serveAnalysis } from './analysisThread';
import { servePartReader } from './partThreads';
import { runCli } from './runCli';
import { capYoungGeneration } from './youngGeneration';

capYoungGeneration();
// The bundled CLI is also its own reading thread (partThreads.ts) and analysis thread (analysisThread.ts).
if (isMainThread) process.exitCode = await runCli(process.argv.slice(2), undefined, { threadScript: new URL(import.meta.url) });
else if (!(await serveAnalysis())) await servePartReader();
