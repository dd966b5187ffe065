import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { after, describe, test } from 'node:test';
import { type ZipSource, zipStream } from '../../src/store/github/artifact-upload/zip.ts';
import { zipEntries } from '../e2e/zip.ts';

/**
 * The artifact's zip, read back by the three readers that meet it: Info-ZIP's `unzip`, Python's
 * zipfile, and unzip-stream (what @actions/artifact's download streams an artifact through).
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'artifact-zip-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const src = path.join(dir, 'src');
mkdirSync(src);
const files: Record<string, Buffer> = {
  'manifest.json': Buffer.from(JSON.stringify({ version: 1, databases: [{ file: 'app.db.zst' }] })),
  'app.db.zst': randomBytes(3 * 1024 * 1024 + 17),
  'raw.db': Buffer.from('SQLite format 3\0'.repeat(200_000)),
  empty: Buffer.alloc(0),
};
for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(src, name), bytes);
const sources: ZipSource[] = [
  { name: 'manifest.json', path: path.join(src, 'manifest.json'), level: 0 },
  { name: 'app.db.zst', path: path.join(src, 'app.db.zst'), level: 0 },
  { name: 'raw.db', path: path.join(src, 'raw.db'), level: 6 },
  { name: 'empty', path: path.join(src, 'empty'), level: 0 },
];

/** Writes the zip to a file, noting the largest chunk the stream gave. */
async function write(name: string, opts: { forceZip64?: boolean } = {}): Promise<{ file: string; largest: number }> {
  const file = path.join(dir, name);
  let largest = 0;
  const chunks = async function* (): AsyncGenerator<Buffer> {
    for await (const c of zipStream(sources, opts)) {
      largest = Math.max(largest, c.length);
      yield c;
    }
  };
  await pipeline(Readable.from(chunks()), createWriteStream(file));
  return { file, largest };
}

/** Every file's bytes as a reader extracted them into `out`. */
function extracted(out: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f))]));
}

interface UnzipStream {
  Extract(opts: { path: string }): NodeJS.WritableStream;
}
const unzipStream = createRequire(import.meta.url)('unzip-stream') as UnzipStream;

async function checkReaders(file: string, tag: string): Promise<void> {
  execFileSync('unzip', ['-t', '-q', file]);
  execFileSync('python3', ['-m', 'zipfile', '-t', file]);

  const byUnzip = path.join(dir, `${tag}-unzip`);
  execFileSync('unzip', ['-q', file, '-d', byUnzip]);
  assert.deepEqual(extracted(byUnzip), files, 'unzip extracts every file byte for byte');

  const byPython = path.join(dir, `${tag}-python`);
  execFileSync('python3', ['-m', 'zipfile', '-e', file, byPython]);
  assert.deepEqual(extracted(byPython), files, "Python's zipfile extracts every file byte for byte");

  const byStream = path.join(dir, `${tag}-stream`);
  mkdirSync(byStream);
  await pipeline(Readable.from([readFileSync(file)]), unzipStream.Extract({ path: byStream }));
  assert.deepEqual(extracted(byStream), files, "the toolkit's streaming unzip extracts every file byte for byte");
}

describe('the artifact zip (zipStream)', () => {
  test('one entry per file, stored or deflated as asked, read back whole by unzip, Python and unzip-stream', async () => {
    const { file, largest } = await write('plain.zip');
    const entries = zipEntries(readFileSync(file));
    assert.deepEqual(
      entries.map((e) => [e.name, e.method, e.size]),
      sources.map((s) => [s.name, s.level > 0 ? 8 : 0, files[s.name]?.length]),
    );
    const raw = entries.find((e) => e.name === 'raw.db');
    assert.ok(raw && raw.compressedSize < raw.size / 10, 'the raw database was deflated');
    assert.ok(largest <= 1 << 20, `streamed in chunks of at most 1 MiB, not whole files (largest ${largest})`);
    await checkReaders(file, 'plain');
    // No zip64 where nothing needs it: readers that predate it read this one too.
    const bytes = readFileSync(file);
    assert.equal(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])), -1, 'no zip64 end record');
  });

  test('forced zip64 (the layout of files and offsets past 4 GiB): the same files read back by all three readers', async () => {
    const { file } = await write('zip64.zip', { forceZip64: true });
    const bytes = readFileSync(file);
    assert.ok(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06])) > 0, 'a zip64 end record');
    assert.ok(bytes.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07])) > 0, 'and its locator');
    const info = execFileSync('unzip', ['-Z', '-v', file], { encoding: 'utf8' });
    assert.match(info, /minimum software version required to extract:\s+4\.5/, 'entries need zip 4.5 (zip64)');
    await checkReaders(file, 'zip64');
  });

  test('a file that vanished fails the stream with its path', async () => {
    const gone = [...sources, { name: 'gone.db', path: path.join(src, 'gone.db'), level: 0 }];
    await assert.rejects(async () => {
      for await (const _ of zipStream(gone)) void _;
    }, /ENOENT.*gone\.db/);
  });
});
