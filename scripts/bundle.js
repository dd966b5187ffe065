// Bundles each Action entry into dist/<entry>/ with @vercel/ncc: one ES module (index.js) plus the
// assets ncc finds, chiefly better-sqlite3's eight prebuilt addons in dist/<entry>/prebuilds/,
// which src/engine/native.ts picks from at run time. Input is lib/ (tsc's output, run first by
// `npm run bundle`), so the bundle holds exactly the JavaScript the unit tests' build produced.
//
// The output must be byte-identical on every machine: CI rebuilds and diffs dist/. Hence no cache,
// no source maps, no minifier, and files written in sorted order with fixed modes.
import { createRequire } from 'node:module';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ncc = require('@vercel/ncc');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = ['snapshot', 'restore'];
// ncc names modules by their path relative to the working directory: fix it to the repo root.
process.chdir(root);

for (const entry of ENTRIES) {
  const input = path.join(root, 'lib', 'action', entry, 'main.js');
  const out = path.join(root, 'dist', entry);
  const { code, assets } = await ncc(input, {
    cache: false,
    sourceMap: false,
    minify: false,
    target: 'es2023',
    license: 'licenses.txt',
    quiet: true,
  });
  await fsp.rm(out, { recursive: true, force: true });
  await fsp.mkdir(out, { recursive: true });
  const files = [['index.js', code], ...Object.entries(assets).map(([name, a]) => [name, a.source])].sort(([a], [b]) => (a < b ? -1 : 1));
  let total = 0;
  for (const [name, data] of files) {
    const file = path.join(out, name);
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, data, { mode: 0o644 });
    total += Buffer.byteLength(data);
  }
  const prebuilds = files.filter(([n]) => n.startsWith('prebuilds/')).length;
  console.log(`dist/${entry}: index.js ${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB, ${files.length} files, ${prebuilds} prebuilt addons, ${(total / 1048576).toFixed(1)} MiB in all`);
  if (prebuilds !== 8) throw new Error(`dist/${entry}: expected better-sqlite3's 8 prebuilt addons, found ${prebuilds}; check the better-sqlite3 version`);
}
