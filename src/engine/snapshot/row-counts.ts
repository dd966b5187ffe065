// A snapshot's row counts: from the copy's census of the pages it read (threads/page-census.ts)
// where that census holds a well-formed tree for a table, else from SQLite.
import type { DbFacts } from '../sqlite/facts.ts';
import { type DB, type RowCounts, countTable, countedTables } from '../sqlite/sqlite.ts';
import { type Census, childrenOf, countTree } from '../threads/page-census.ts';

/** Rows per table of the view the caller's transaction pins, which the census's copy read. */
export function countRowsFrom(db: DB, census: Census | undefined, tolerant: boolean): RowCounts {
  const withoutRowid = census ? new Set((db.pragma('table_list') as { schema: string; name: string; wr: number }[]).filter((t) => t.schema === 'main' && t.wr === 1).map((t) => t.name)) : undefined;
  const children = census ? childrenOf(census) : undefined;
  const seen = census ? new Uint8Array(census.types.length) : undefined;
  const counts: Record<string, number> = {};
  const failed: string[] = [];
  let fromCensus = 0;
  for (const { name, rootpage } of countedTables(db)) {
    const fromPages = census && children && seen ? countTree(census, children, Number(rootpage), withoutRowid?.has(name) ?? false, seen) : undefined;
    if (fromPages !== undefined) fromCensus++;
    const n = fromPages ?? countTable(db, name, tolerant);
    if (n === undefined) failed.push(name);
    else counts[name] = n;
  }
  return { counts, failed, fromCensus };
}

/** The row counts into facts collected without them (collectFacts with `rows: false`). */
export function withRowCounts(facts: DbFacts, rows: RowCounts): DbFacts {
  if (rows.failed.length === 0) return { ...facts, tables: rows.counts };
  return {
    ...facts,
    tables: rows.counts,
    integrity: { check: facts.integrity.check, ok: false, messages: [`cannot count the rows of ${rows.failed.join(', ')}: damaged pages`, ...facts.integrity.messages] },
  };
}
