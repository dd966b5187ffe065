// A snapshot's row counts: from the copy's census of the pages it read (threads/page-census.ts)
// where that census holds a well-formed tree for a table, else from SQLite.
import { type DB, type RowCounts, countRowsTolerant } from '../sqlite/sqlite.ts';
import { type Census, childrenOf, countTree } from '../threads/page-census.ts';

/**
 * Rows per table of the view the caller's transaction pins, which the census's copy read;
 * `fromCensus`: how many tables the census counted (SQLite counted the rest).
 */
export function countRowsFrom(db: DB, census: Census | undefined, tolerant: boolean): RowCounts & { fromCensus: number } {
  if (!census) return { ...countRowsTolerant(db, tolerant), fromCensus: 0 };
  const withoutRowid = new Set((db.pragma('table_list') as { schema: string; name: string; wr: number }[]).filter((t) => t.schema === 'main' && t.wr === 1).map((t) => t.name));
  const children = childrenOf(census);
  const seen = new Uint8Array(census.types.length);
  let fromCensus = 0;
  const rows = countRowsTolerant(db, tolerant, ({ name, rootpage }) => {
    const n = countTree(census, children, Number(rootpage), withoutRowid.has(name), seen);
    if (n !== undefined) fromCensus++;
    return n;
  });
  return { ...rows, fromCensus };
}
