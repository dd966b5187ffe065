import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { TEMP_SUFFIX } from '../../engine/common/files.ts';

export interface Expanded {
  /** Database paths, relative to `cwd` when inside it (they end up in the manifest as `source`). */
  files: string[];
  /** Patterns that matched no file. */
  unmatched: string[];
}

const GLOB_CHARS = /[*?[\]{}]/;
/** A glob like data/* also matches SQLite's side files and our own temp files: those are never databases. */
const NOT_A_DATABASE = /(-wal|-shm|-journal)$/;

/**
 * Expands the `path` input as upload-artifact does: one pattern per line, globs allowed, a
 * leading `!` excludes. Results are sorted so that a snapshot's entry order does not depend on
 * the file system's directory order.
 */
export async function expandPatterns(patterns: readonly string[], cwd: string): Promise<Expanded> {
  const includes = patterns.filter((p) => !p.startsWith('!'));
  const excludes = patterns.filter((p) => p.startsWith('!')).map((p) => toPosix(p.slice(1)));
  const found = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of includes) {
    const before = found.size;
    const matches: string[] = [];
    if (GLOB_CHARS.test(pattern)) {
      for await (const m of fsp.glob(toPosix(pattern), { cwd, exclude: excludes })) {
        const abs = path.resolve(cwd, m);
        const base = path.basename(abs);
        if (NOT_A_DATABASE.test(base) || base.endsWith(TEMP_SUFFIX)) continue;
        if ((await fsp.stat(abs).catch(() => undefined))?.isFile()) matches.push(abs);
      }
    } else {
      const abs = path.resolve(cwd, pattern);
      if ((await fsp.stat(abs).catch(() => undefined)) !== undefined) matches.push(abs);
    }
    for (const m of matches.sort()) found.add(m);
    if (found.size === before && matches.length === 0) unmatched.push(pattern);
  }
  const files = [...found].map((abs) => {
    const rel = path.relative(cwd, abs);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  });
  return { files, unmatched };
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}
