// A reading thread alone (partThreads.ts), for hosts whose own script is costly to start again (the bench).
import { servePartReader } from './partThreads';

await servePartReader();
