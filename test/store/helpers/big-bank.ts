import Database from 'better-sqlite3';
import { makeBank } from '../../helpers/db.ts';

/**
 * A bank database with `mib` MiB of random bytes beside it: stored larger than a few parts (S3,
 * 5 MiB), blocks (Azure, 4 MiB) or chunks (OCI, 8 MiB), since random bytes do not compress, so
 * uploads go in parts and a download is long enough to be cut midway.
 */
export function makeBigBank(file: string, mib: number): void {
  makeBank(file, { fillerRows: 500 });
  const d = new Database(file);
  try {
    d.exec('CREATE TABLE blobs(b BLOB)');
    const ins = d.prepare('INSERT INTO blobs VALUES (randomblob(65536))');
    d.transaction(() => {
      for (let i = 0; i < mib * 16; i++) ins.run();
    })();
  } finally {
    d.close();
  }
}
