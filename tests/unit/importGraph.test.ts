/**
 * The import graph of src/ and workers/, read from the sources' import and
 * export-from statements (type-only ones too: a type cycle is still a
 * tangle), checked against the layering docs/architecture.md describes:
 * no cycle anywhere; core imports nothing from the page, the CLI or the
 * workers; the page takes only the types file from workers/. A vite worker
 * entry (`…?worker`) is a separate bundle, not a module of the importer's
 * graph, so it is not an edge.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const ROOTS = ['src', 'workers'];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The script of a .svelte file, or the whole .ts file. */
function codeOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Module specifiers of static imports, export-from and dynamic import() calls. */
export function specifiersOf(code: string): string[] {
  const noComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of noComments.matchAll(re)) specs.push(m[1]!);
  return specs;
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  if (/\?worker\b/.test(spec)) return null;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.svelte`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(ROOT, from)}: cannot resolve import '${spec}'`);
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = ROOTS.flatMap((r) => sourceFiles(join(ROOT, r)));
  for (const file of files) {
    const to = specifiersOf(codeOf(file))
      .map((s) => resolveImport(file, s))
      .filter((t): t is string => t !== null);
    graph.set(relative(ROOT, file), [...new Set(to.map((t) => relative(ROOT, t)))]);
  }
  return graph;
}

/** One cycle of the graph (as a path that returns to its start), or null. */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('import graph', () => {
  const graph = importGraph();

  it('reads the imports of every source file', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/core/analysis/analyze.ts')).toContain('src/core/clocks/clockEngine.ts');
    expect(graph.get('src/ui/App.svelte')!.length).toBeGreaterThan(0);
  });

  it('the cycle finder finds a cycle and none where there is none', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['b']]]))).toEqual(['b', 'c', 'b']);
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toBeNull();
    expect(specifiersOf(`import type { A } from './a';\nexport { B } from "./b";\nconst c = await import('./c');\n// import x from './no'`)).toEqual(['./a', './b', './c']);
  });

  it('has no import cycle', () => {
    const cycle = findCycle(graph);
    expect(cycle, cycle ? `import cycle: ${cycle.join(' → ')}` : '').toBeNull();
  });

  it('core imports nothing from the page, the CLI or the workers', () => {
    const wrong = [...graph].flatMap(([from, to]) => (from.startsWith('src/core/') ? to.filter((t) => /^(src\/ui|src\/cli|workers)\//.test(t)).map((t) => `${from} → ${t}`) : []));
    expect(wrong).toEqual([]);
  });

  it('the page takes only the protocol types from workers/', () => {
    const wrong = [...graph].flatMap(([from, to]) => (from.startsWith('src/ui/') ? to.filter((t) => t.startsWith('workers/') && t !== 'workers/protocol.ts').map((t) => `${from} → ${t}`) : []));
    expect(wrong).toEqual([]);
  });
});
