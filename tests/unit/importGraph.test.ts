/**
 * The import graph of src/ and workers/, read from the sources' import and
 * export-from statements (type-only ones too: a type cycle is still a
 * tangle), checked against the layering docs/architecture.md describes:
 * no cycle anywhere (every tangle is named); core imports nothing from the
 * page, the CLI or the workers; the page takes only the types file from
 * workers/, which holds types and nothing else. A vite worker
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

/**
 * One cycle per tangle of the graph (each strongly connected component of
 * more than one file, or a file importing itself), as a path that returns
 * to its start, so a failure names every tangle at once. Tarjan's algorithm,
 * then a shortest way back to the component's first file inside it.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  components.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
  return components.map((component) => {
    const inside = new Set(component);
    const start = component[0]!;
    // Breadth first from start, inside the component, to a file that imports start.
    const parent = new Map<string, string>([[start, start]]);
    const queue = [start];
    let last = start;
    search: for (let i = 0; i < queue.length; i++) {
      for (const next of graph.get(queue[i]!) ?? []) {
        if (next === start) {
          last = queue[i]!;
          break search;
        }
        if (!inside.has(next) || parent.has(next)) continue;
        parent.set(next, queue[i]!);
        queue.push(next);
      }
    }
    const back = [start];
    for (let node = last; node !== start; node = parent.get(node)!) back.push(node);
    return [start, ...back.slice(1).reverse(), start];
  });
}

describe('import graph', () => {
  const graph = importGraph();

  it('reads the imports of every source file', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/core/analysis/analyze.ts')).toContain('src/core/clocks/clockEngine.ts');
    expect(graph.get('src/ui/App.svelte')!.length).toBeGreaterThan(0);
  });

  it('the cycle finder finds a cycle and none where there is none', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['b']]]))).toEqual([['b', 'c', 'b']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
    // Every tangle is named, each once, by a path that closes on itself.
    const two = findCycles(new Map([['a', ['b']], ['b', ['c', 'a']], ['c', ['a']], ['d', ['e']], ['e', ['f']], ['f', ['d']], ['g', ['g']]]));
    expect(two).toEqual([['a', 'b', 'a'], ['d', 'e', 'f', 'd'], ['g', 'g']]);
    expect(specifiersOf(`import type { A } from './a';\nexport { B } from "./b";\nconst c = await import('./c');\n// import x from './no'`)).toEqual(['./a', './b', './c']);
  });

  it('has no import cycle', () => {
    const cycles = findCycles(graph).map((c) => c.join(' → '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('core imports nothing from the page, the CLI or the workers', () => {
    const wrong = [...graph].flatMap(([from, to]) => (from.startsWith('src/core/') ? to.filter((t) => /^(src\/ui|src\/cli|workers)\//.test(t)).map((t) => `${from} → ${t}`) : []));
    expect(wrong).toEqual([]);
  });

  it('workers/protocol.ts is types only, and the page imports it as types', () => {
    const code = codeOf(join(ROOT, 'workers/protocol.ts')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const statements = code.split('\n').filter((l) => /^(import|export)\b/.test(l));
    expect(statements.length).toBeGreaterThan(2);
    expect(statements.filter((l) => !/^(import type |export (interface|type) )/.test(l))).toEqual([]);
    const valueImports = sourceFiles(join(ROOT, 'src/ui')).flatMap((file) =>
      [...codeOf(file).matchAll(/\bimport\s+(?!type\s)[^'";]*?from\s*['"]([^'"]*workers\/protocol)['"]/g)].map((m) => `${relative(ROOT, file)} → ${m[1]}`),
    );
    expect(valueImports).toEqual([]);
  });

  it('the page takes only the protocol types from workers/', () => {
    const wrong = [...graph].flatMap(([from, to]) => (from.startsWith('src/ui/') ? to.filter((t) => t.startsWith('workers/') && t !== 'workers/protocol.ts').map((t) => `${from} → ${t}`) : []));
    expect(wrong).toEqual([]);
  });
});
