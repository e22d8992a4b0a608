// The module scripts/vite/samplesPlugin.ts provides: the samples inlined in the single-file build, else null.
declare module 'virtual:causeway-samples' {
  export const inlined: {
    index: unknown;
    /** Path under sample-logs/ → base64 of the file. */
    files: Record<string, string>;
  } | null;
}
