/**
 * Row counts from the pages a copy reads anyway. SQLite's `count(*)` walks every leaf page of
 * every table once more (0.15 s of one core for the 256 MiB text bench database, 0.25 s per GiB of
 * the mixed one: a fifth of what the snapshot's check costs), while the copy thread has each page
 * in hand already. So the copy notes, per page, what the b-tree page header says (the file format,
 * https://sqlite.org/fileformat2.html#b_tree_pages): the page type, the number of cells, and for
 * interior pages their children. The caller then walks each table's tree from its root page
 * (countTree). Anything that does not look like a well-formed tree makes the walk give up, and
 * SQLite counts that table as before: the census is only ever a faster way to the same number.
 */

/** B-tree page types (the first byte of the page header). */
const INDEX_INTERIOR = 0x02;
const TABLE_INTERIOR = 0x05;
const INDEX_LEAF = 0x0a;
const TABLE_LEAF = 0x0d;
/** Page 1 starts with the 100-byte database header; its b-tree header follows. */
const DB_HEADER = 100;

/** What the copy saw: one entry per page, and each interior page's children. */
export interface Census {
  pageSize: number;
  /** Page type per page (index = page number - 1); 0 for a page that is no b-tree page or is malformed. */
  types: Uint8Array;
  /** Cell count per page. */
  cells: Uint16Array;
  /** Interior pages, flattened: page number, child count, then the children (left children in cell order, then the right-most). */
  interior: Uint32Array;
}

export class PageCensus {
  private readonly pageSize: number;
  private readonly pages: number;
  private readonly types: Uint8Array;
  private readonly cells: Uint16Array;
  private interior = new Uint32Array(1024);
  private used = 0;

  constructor(pageSize: number, length: number) {
    this.pageSize = pageSize;
    this.pages = Math.floor(length / pageSize);
    this.types = new Uint8Array(this.pages);
    this.cells = new Uint16Array(this.pages);
  }

  /** The bytes of the copy at `pos` (a whole number of pages, as every chunk of a copy is). */
  see(buf: Buffer, pos: number): void {
    const size = this.pageSize;
    for (let off = 0; off + size <= buf.length; off += size) {
      const index = (pos + off) / size;
      if (!Number.isInteger(index) || index >= this.pages) return;
      this.page(buf, off, index);
    }
  }

  private page(buf: Buffer, start: number, index: number): void {
    const hdr = start + (index === 0 ? DB_HEADER : 0);
    const type = buf[hdr] as number;
    if (type !== TABLE_LEAF && type !== INDEX_LEAF && type !== TABLE_INTERIOR && type !== INDEX_INTERIOR) return;
    const n = buf.readUInt16BE(hdr + 3);
    const leaf = type === TABLE_LEAF || type === INDEX_LEAF;
    const pointers = hdr + (leaf ? 8 : 12);
    // A cell pointer array that runs off the page is not a b-tree page's.
    if (pointers + 2 * n > start + this.pageSize) return;
    if (!leaf) {
      this.reserve(n + 3);
      const at = this.used;
      this.interior[at] = index + 1;
      this.interior[at + 1] = n + 1;
      for (let i = 0; i < n; i++) {
        const cell = buf.readUInt16BE(pointers + 2 * i);
        if (cell < 8 || cell + 4 > this.pageSize) return;
        this.interior[at + 2 + i] = buf.readUInt32BE(start + cell);
      }
      this.interior[at + 2 + n] = buf.readUInt32BE(hdr + 8);
      this.used += n + 3;
    }
    this.types[index] = type;
    this.cells[index] = n;
  }

  private reserve(more: number): void {
    if (this.used + more <= this.interior.length) return;
    const grown = new Uint32Array(Math.max(this.interior.length * 2, this.used + more));
    grown.set(this.interior.subarray(0, this.used));
    this.interior = grown;
  }

  result(): Census {
    return { pageSize: this.pageSize, types: this.types, cells: this.cells, interior: this.interior.slice(0, this.used) };
  }
}

/** Each interior page's children, by page number: built once for all the trees of a census. */
export function childrenOf(census: Census): Map<number, Uint32Array> {
  const map = new Map<number, Uint32Array>();
  const all = census.interior;
  for (let at = 0; at + 1 < all.length; ) {
    const n = all[at + 1] as number;
    map.set(all[at] as number, all.subarray(at + 2, at + 2 + n));
    at += 2 + n;
  }
  return map;
}

/**
 * The rows of the tree rooted at `root`: for a rowid table, its leaf cells; for a WITHOUT ROWID
 * table (an index b-tree), every cell, interior ones included, as each holds a row. `seen` marks
 * pages already counted in this census, so that no page is counted twice or a cycle followed.
 * Undefined when the tree is not what SQLite would have written: the caller asks SQLite instead.
 */
export function countTree(census: Census, children: Map<number, Uint32Array>, root: number, withoutRowid: boolean, seen: Uint8Array): number | undefined {
  const leafType = withoutRowid ? INDEX_LEAF : TABLE_LEAF;
  const interiorType = withoutRowid ? INDEX_INTERIOR : TABLE_INTERIOR;
  const pages = census.types.length;
  let rows = 0;
  const stack = [root];
  while (stack.length > 0) {
    const page = stack.pop() as number;
    if (page < 1 || page > pages || seen[page - 1]) return undefined;
    seen[page - 1] = 1;
    const type = census.types[page - 1];
    const cells = census.cells[page - 1] as number;
    if (type === leafType) {
      rows += cells;
    } else if (type === interiorType) {
      const kids = children.get(page);
      if (!kids || kids.length !== cells + 1) return undefined;
      if (withoutRowid) rows += cells;
      for (const kid of kids) stack.push(kid);
    } else {
      return undefined;
    }
  }
  return rows;
}
