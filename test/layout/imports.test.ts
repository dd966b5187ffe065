// The layout rules of src/, checked on the imports TypeScript itself finds in each file (its own
// import scanner, ts.preProcessFile: static imports, `import type`, re-exports, dynamic import()).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../helpers/db.ts';

const SRC = path.join(ROOT, 'src');

/**
 * The layers, top to bottom: a file may import from its own folder's layer and the ones below.
 * The front doors (the CLI, the Action's entries, the example) use the store, which uses the engine;
 * the engine knows neither, and front doors do not import each other.
 */
const LAYERS: Record<string, number> = { cli: 2, action: 2, example: 2, store: 1, engine: 0 };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Each file of src/ (relative to it) and what it imports: files of src/ (relative), or package names. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      path.relative(SRC, file),
      importedFiles.map(({ fileName }) => (fileName.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), fileName)) : fileName)),
    );
  }
  return graph;
}

/** Every import circle, each once, as the files around it. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    const at = stack.indexOf(file);
    if (at >= 0) {
      found.push([...stack.slice(at), file]);
      return;
    }
    if (done.has(file) || !graph.has(file)) return;
    stack.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    done.add(file);
  };
  for (const file of graph.keys()) visit(file);
  return found;
}

const top = (file: string): string => file.split(path.sep)[0] as string;

test('src/ has no import circle', () => {
  const graph = importGraph();
  assert.ok(graph.size > 20, `found only ${graph.size} files in src/`);
  assert.deepEqual(circles(graph).map((c) => c.join(' -> ')), []);
});

test('the circle finder finds a circle, type-only imports included', () => {
  const graph = new Map([
    ['engine/a.ts', ['engine/b.ts']],
    ['engine/b.ts', ['engine/c.ts', 'node:fs']],
    ['engine/c.ts', ['engine/a.ts']],
  ]);
  assert.deepEqual(circles(graph), [['engine/a.ts', 'engine/b.ts', 'engine/c.ts', 'engine/a.ts']]);
  const { importedFiles } = ts.preProcessFile(`import type { X } from './x.ts';\nexport { y } from './y.ts';\nconst z = await import('./z.ts');`, true, true);
  assert.deepEqual(importedFiles.map((f) => f.fileName), ['./x.ts', './y.ts', './z.ts']);
});

test('imports point down the layers (front doors -> store -> engine), and the engine never imports @actions/*', () => {
  const wrong: string[] = [];
  for (const [file, imports] of importGraph()) {
    const layer = LAYERS[top(file)];
    if (layer === undefined) {
      wrong.push(`${file}: src/${top(file)}/ has no layer; add it to LAYERS in this test`);
      continue;
    }
    for (const target of imports) {
      if (target.startsWith('@actions/') && layer === 0) wrong.push(`${file} imports ${target}: the engine must run without the Actions toolkit`);
      if (!target.endsWith('.ts')) continue;
      const to = top(target);
      if (to !== top(file) && (LAYERS[to] ?? 3) >= layer) wrong.push(`${file} imports ${target}: up or across the layers`);
    }
  }
  assert.deepEqual(wrong, []);
});

/**
 * Inside the engine, the same rule one level down: common helpers at the bottom, then SQLite, the
 * manifest, the threads, and the two jobs (snapshot, restore), which never import each other.
 */
const ENGINE_LAYERS: Record<string, number> = { common: 0, sqlite: 1, manifest: 2, threads: 3, snapshot: 4, restore: 4 };

test('inside the engine, imports point down its folders (snapshot and restore never import each other)', () => {
  const wrong: string[] = [];
  const folder = (file: string): string => file.split(path.sep)[1] as string;
  for (const [file, imports] of importGraph()) {
    if (top(file) !== 'engine') continue;
    const layer = ENGINE_LAYERS[folder(file)];
    if (layer === undefined) {
      wrong.push(`${file}: src/engine/${folder(file)} is not a known engine folder; add it to ENGINE_LAYERS in this test`);
      continue;
    }
    for (const target of imports) {
      if (!target.endsWith('.ts') || top(target) !== 'engine' || folder(target) === folder(file)) continue;
      if ((ENGINE_LAYERS[folder(target)] ?? 9) >= layer) wrong.push(`${file} imports ${target}: up or across the engine's folders`);
    }
  }
  assert.deepEqual(wrong, []);
});
