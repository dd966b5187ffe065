#!/usr/bin/env node
// The installed `sqlite-snapshot` command. CommonJS in ES2015 syntax (eslint.config.js keeps
// newer syntax out), so that any Node.js a user may have (10 on Ubuntu 20.04, 12 on 22.04, 20 on
// many machines) parses and runs it and is told in one line what to install, instead of getting
// a stack trace from a module it cannot load. The CLI itself (main.ts) is an ES module that needs
// a new Node; it is imported only once the check has passed.

interface Range {
  major: number;
  minor: number;
  /** "^22.15.0": only 22.x from 22.15 on; ">=23.8.0": 23.8 and everything after. */
  sameMajor: boolean;
}

/**
 * package.json's engines.node, the one place the oldest Node is written: "^22.15.0 || >=23.8.0",
 * found by running a snapshot/restore/verify round trip under each registry binary. zstd in
 * node:zlib decides it (the default compression; `promisify(zlib.zstdDecompress)` at import
 * fails on 22.14 and 23.7). Only the forms used there are understood: "^X.Y.Z" and ">=X.Y.Z",
 * joined by "||".
 */
function supported(): Range[] {
  const engines: string = require('../../package.json').engines.node;
  return engines.split('||').map(function (part) {
    const m = /^\s*(\^|>=)(\d+)\.(\d+)\.\d+\s*$/.exec(part);
    if (!m) throw new Error('package.json engines.node: cannot read "' + part.trim() + '"');
    return { major: Number(m[2]), minor: Number(m[3]), sameMajor: m[1] === '^' };
  });
}

function tooOld(version: string, execPath: string): string | undefined {
  const parts = version.split('.');
  const major = Number(parts[0]);
  const minor = Number(parts[1]);
  const ranges = supported();
  const fits = ranges.some(function (r) {
    if (r.sameMajor ? major !== r.major : major < r.major) return false;
    return major > r.major || minor >= r.minor;
  });
  if (fits) return undefined;
  const first = ranges[0] as Range;
  const later = ranges.slice(1).map(function (r) {
    return r.major + '.' + r.minor + ' or later on ' + r.major + '.x';
  });
  return (
    'needs Node.js ' + first.major + '.' + first.minor + ' or later' + (later.length ? ' (' + later.join(', ') + ')' : '') +
    '; this is Node.js ' + version + ' at ' + execPath + ': install a newer Node.js, or put one first on PATH'
  );
}

const problem = tooOld(process.versions.node, process.execPath);
if (problem !== undefined) {
  process.stderr.write('sqlite-snapshot: error: ' + problem + '\n');
  // EXIT.badInput in exit-codes.ts (an ES module, which an old Node cannot load from here).
  process.exitCode = 2;
} else {
  // A file of its own: Node.js before 10 cannot even parse import().
  require('./load-main.cjs');
}
