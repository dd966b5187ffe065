// The layout rules of src/, bench/ and examples/, checked on the imports TypeScript itself finds in each file (its own
// import scanner, ts.preProcessFile: static imports, `import type`, re-exports, dynamic import()).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT } from '../helpers/db.ts';

/** The folders whose imports these rules cover, relative to the repository. */
const COVERED = ['src', 'bench', 'examples'];

/**
 * The layers, top to bottom: a file may import from its own area's layer and the ones below.
 * Areas are src/'s folders, plus bench/ and examples/ above all of them. The front doors (the CLI,
 * the Action's entries, the example) use the public API, which uses the stores, which use the
 * engine; the engine knows none of them, and front doors do not import each other.
 */
const LAYERS: Record<string, number> = { engine: 0, store: 1, api: 2, cli: 3, action: 3, example: 3, bench: 4, examples: 4 };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.c?ts$/.test(e.name) && !e.parentPath.split(path.sep).includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Each covered file (relative to the repository) and what it imports: files (relative), or package names. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of COVERED.flatMap((d) => (existsSync(path.join(ROOT, d)) ? sourceFiles(path.join(ROOT, d)) : []))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      path.relative(ROOT, file),
      importedFiles
        .map(({ fileName }) => (fileName.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(file), fileName)) : fileName))
        // A relative path into a package (artifact-reader.ts) is that package's import.
        .map((target) => (target.startsWith(`node_modules${path.sep}`) ? target.split(path.sep).slice(1).join('/') : target)),
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

/** src/<folder>/… is that folder's area; bench/… and examples/… are areas of their own. */
const area = (file: string): string => {
  const parts = file.split(path.sep);
  return (parts[0] === 'src' ? parts[1] : parts[0]) as string;
};

/** Every file reachable from `entry` through relative imports, the entry included. */
function reachable(graph: Map<string, string[]>, entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file) || !graph.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file) ?? []) walk(next);
  };
  walk(entry);
  return seen;
}

test('src/, bench/ and examples/ have no import circle', () => {
  const graph = importGraph();
  assert.ok([...graph.keys()].filter((f) => f.startsWith('src')).length > 20, `found only ${graph.size} files`);
  assert.ok([...graph.keys()].some((f) => f.startsWith('bench')), 'bench/ is covered');
  assert.ok([...graph.keys()].some((f) => f.startsWith('examples')), 'examples/ is covered');
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

test('imports point down the layers (front doors -> api -> store -> engine), and the engine never imports @actions/*', () => {
  const wrong: string[] = [];
  for (const [file, imports] of importGraph()) {
    const layer = LAYERS[area(file)];
    if (layer === undefined) {
      wrong.push(`${file}: ${area(file)} has no layer; add it to LAYERS in this test`);
      continue;
    }
    for (const target of imports) {
      if (target.startsWith('@actions/') && layer === 0) wrong.push(`${file} imports ${target}: the engine must run without the Actions toolkit`);
      if (!/\.c?ts$/.test(target) || !COVERED.includes(target.split(path.sep)[0] as string)) continue;
      const to = area(target);
      if (to !== area(file) && (LAYERS[to] ?? 9) >= layer) wrong.push(`${file} imports ${target}: up or across the layers`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('nothing the public API reaches imports @actions/* (the package ships without the Actions toolkit)', () => {
  const graph = importGraph();
  const files = reachable(graph, path.join('src', 'api', 'index.ts'));
  assert.ok(files.size > 20, `the API reaches ${files.size} files`);
  const wrong = [...files].flatMap((f) => (graph.get(f) ?? []).filter((i) => i.startsWith('@actions/')).map((i) => `${f} imports ${i}`));
  assert.deepEqual(wrong, []);
  assert.deepEqual([...files].filter((f) => !['api', 'store', 'engine'].includes(area(f))), [], 'the API reaches only api/, store/ and engine/');
});

test('examples/ use the package as a user would: by its name, never by a path into the repository', () => {
  const wrong: string[] = [];
  for (const [file, imports] of importGraph()) {
    if (area(file) !== 'examples') continue;
    // A relative import resolves to a file path with its extension; a package is a bare name.
    for (const target of imports.filter((i) => /\.[cm]?[jt]s$/.test(i))) {
      if (target.split(path.sep)[0] !== 'examples') wrong.push(`${file} imports ${target}: an example must import 'sqlite-snapshot', as a user's project does`);
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
  const folder = (file: string): string => file.split(path.sep)[2] as string;
  for (const [file, imports] of importGraph()) {
    if (!file.startsWith(path.join('src', 'engine') + path.sep)) continue;
    const layer = ENGINE_LAYERS[folder(file)];
    if (layer === undefined) {
      wrong.push(`${file}: src/engine/${folder(file)} is not a known engine folder; add it to ENGINE_LAYERS in this test`);
      continue;
    }
    for (const target of imports) {
      if (!target.endsWith('.ts') || !target.startsWith(path.join('src', 'engine') + path.sep) || folder(target) === folder(file)) continue;
      if ((ENGINE_LAYERS[folder(target)] ?? 9) >= layer) wrong.push(`${file} imports ${target}: up or across the engine's folders`);
    }
  }
  assert.deepEqual(wrong, []);
});
