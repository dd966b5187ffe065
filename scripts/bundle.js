// Bundles the Action into dist/ with @vercel/ncc. Input is lib/ (tsc's output, run first by
// `npm run bundle`), so the bundle holds exactly the JavaScript the unit tests' build produced.
//
// One ncc build serves every entry, so the code the entries share (the engine, @actions/*, the
// Azure SDK) and better-sqlite3's eight prebuilt addons are in dist/ once, not once per entry:
//   dist/index.js, dist/<n>.index.js   the entries' code: a small module that imports each entry's
//                                      lib/action/<entry>/main.js on demand, and the chunks ncc
//                                      splits it into (shared code in one of them);
//   dist/<entry>/index.js              what action.yml runs: two lines starting that entry;
//   dist/prebuilds/<platform>.node     the addons, picked from by src/engine/native.ts at run time;
//   dist/undici.cjs, lazy-undici.js    undici, bundled on its own and loaded on first use through
//                                      src/action/lazy-undici.ts, which the chunks import in its place;
//   dist/<name>-thread.js              each worker thread module (src/**/<name>-thread.ts), bundled
//                                      on its own: ncc does not follow the computed worker URLs of
//                                      src/engine/threads/start.ts, which looks for them beside it.
//
// The output must be byte-identical on every machine: CI rebuilds and diffs dist/. Hence no cache,
// no source maps, no minifier, and files written in sorted order with fixed modes.
import { createRequire } from 'node:module';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Action's entries: lib/action/<entry>/main.js, run by dist/<entry>/index.js. Add new ones here. */
const ENTRIES = ['snapshot', 'restore', 'seed', 'seed-post'];
/** Entries whose module is not lib/action/<entry>/main.js. */
const MODULES = { 'seed-post': 'seed/post' };
/**
 * Modules an entry runs before its own module loads (a chunk of its own, small): the snapshot step
 * boots a release upload's thread there, while the rest loads (src/action/snapshot/early.ts).
 */
const EARLY = { snapshot: 'snapshot/early' };

const require = createRequire(import.meta.url);
const ncc = require('@vercel/ncc');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
// ncc names modules by their path relative to the working directory: fix it to the repo root.
process.chdir(root);

const OPTIONS = { cache: false, sourceMap: false, minify: false, target: 'es2023', quiet: true };
/** undici, which the toolkit imports for proxies and Octokit, is loaded on first use (src/action/lazy-undici.ts). */
const LAZY_UNDICI = './lazy-undici.js';
const files = new Map();

// The entries' module, written into lib/ beside the entries so its imports resolve; removed after.
const entriesModule = path.join(root, 'lib', 'action', 'bundle-entries.js');
await fsp.writeFile(
  entriesModule,
  `export const entries = {\n${ENTRIES.map((e) => {
    const main = `import(${JSON.stringify(`./${MODULES[e] ?? `${e}/main`}.js`)})`;
    return `  ${JSON.stringify(e)}: () => ${EARLY[e] ? `import(${JSON.stringify(`./${EARLY[e]}.js`)}).then(() => ${main})` : main},\n`;
  }).join('')}};\n`,
);
try {
  const { code, assets } = await ncc(entriesModule, { ...OPTIONS, license: 'licenses.txt', externals: { undici: LAZY_UNDICI } });
  files.set('index.js', code);
  for (const [name, asset] of Object.entries(assets)) files.set(name, asset.source);
} finally {
  await fsp.rm(entriesModule, { force: true });
}
// undici on its own, and the module standing in for it, beside the chunks that import it.
{
  const { code, assets } = await ncc(require.resolve('undici'), { ...OPTIONS, license: 'licenses.txt' });
  const extra = Object.keys(assets).filter((a) => a !== 'licenses.txt' && a !== 'package.json');
  if (extra.length > 0) throw new Error(`undici: its bundle must be one file, but ncc emitted ${extra.join(', ')}`);
  files.set('undici.cjs', code);
  files.set('licenses.txt', `${files.get('licenses.txt') ?? ''}\n${assets['licenses.txt']?.source ?? ''}`);
  files.set(LAZY_UNDICI.slice(2), await fsp.readFile(path.join(root, 'lib', 'action', 'lazy-undici.js')));
}
for (const entry of ENTRIES) {
  files.set(`${entry}/index.js`, `// The Action's ${entry} step (action.yml); its code is in the bundle beside this folder (scripts/bundle.js).\nimport { entries } from '../index.js';\nawait entries[${JSON.stringify(entry)}]();\n`);
}

const lib = path.join(root, 'lib');
const threads = (await fsp.readdir(lib, { recursive: true })).filter((f) => f.endsWith('-thread.js')).sort();
for (const thread of threads) {
  const name = path.basename(thread);
  if (files.has(name)) throw new Error(`${thread}: another thread module is called ${name}; dist/ holds them side by side`);
  const { code, assets } = await ncc(path.join(lib, thread), OPTIONS);
  const extra = Object.keys(assets).filter((a) => a !== 'package.json');
  if (extra.length > 0) throw new Error(`${thread}: a thread module must need only Node's own modules, but ncc emitted ${extra.join(', ')}`);
  files.set(name, code);
}

await fsp.rm(dist, { recursive: true, force: true });
let total = 0;
for (const [name, data] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const file = path.join(dist, name);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, data, { mode: 0o644 });
  total += Buffer.byteLength(data);
}
const prebuilds = [...files.keys()].filter((n) => n.startsWith('prebuilds/')).length;
const chunks = [...files.keys()].filter((n) => /^\d+\.index\.js$/.test(n)).length;
console.log(`dist/: ${ENTRIES.length} entries (${ENTRIES.join(', ')}), ${chunks} chunks, ${threads.length} thread modules, ${prebuilds} prebuilt addons, ${files.size} files, ${(total / 1048576).toFixed(1)} MiB in all`);
if (prebuilds !== 8) throw new Error(`dist/: expected better-sqlite3's 8 prebuilt addons, found ${prebuilds}; check the better-sqlite3 version`);
if (!files.has('package.json')) throw new Error('dist/: ncc wrote no package.json; the bundle needs {"type": "module"} beside it');
