// The analysis worker: only wiring. All logic is in analyzerApi.ts and src/core.
import * as Comlink from 'comlink';
import { createAnalyzerApi } from './analyzerApi';
import { holdLife } from './workerLife';

Comlink.expose(createAnalyzerApi());
holdLife();
