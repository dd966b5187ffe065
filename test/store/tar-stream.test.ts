import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { SnapshotError } from '../../src/engine/common/errors.ts';
import { tarMembers } from '../../src/store/seed/tar-stream.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tar-stream-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const long = `${'d'.repeat(120)}/${'f'.repeat(130)}.bin`;
const files: Record<string, Buffer> = {
  'entry/manifest.json': Buffer.from('{"a":1}'),
  'entry/data/app.db.zst': randomBytes(700_001),
  [`entry/${long}`]: randomBytes(1024),
  'entry/empty': Buffer.alloc(0),
};
for (const [name, bytes] of Object.entries(files)) {
  mkdirSync(path.join(dir, 'src', path.dirname(name)), { recursive: true });
  writeFileSync(path.join(dir, 'src', name), bytes);
}

/** An archive made by GNU tar, as @actions/cache makes them, listing the paths in this order. */
function archive(format: 'posix' | 'gnu', paths: string[]): Buffer {
  const out = path.join(dir, `${format}.tar`);
  execFileSync('tar', [`--format=${format}`, '-cf', out, '-C', path.join(dir, 'src'), ...paths]);
  return readFileSync(out);
}

/** The archive arriving in small, uneven pieces, as a download does. */
async function* pieces(buf: Buffer, size = 7777): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function readAll(chunks: AsyncIterable<Buffer>, skip: (name: string) => boolean = () => false): Promise<Map<string, Buffer>> {
  const got = new Map<string, Buffer>();
  for await (const m of tarMembers(chunks, 'the test archive')) {
    if (m.type !== 'file' || skip(m.name)) continue;
    const buf = Buffer.alloc(m.size);
    let n = 0;
    for (let k; (k = await m.source.read(buf, n, Math.min(65536, m.size - n + 1))) > 0; ) n += k;
    assert.equal(n, m.size, `${m.name}: read to its end`);
    got.set(m.name, buf);
  }
  return got;
}

async function refusal(chunks: AsyncIterable<Buffer>): Promise<string> {
  try {
    await readAll(chunks);
  } catch (err) {
    assert.ok(err instanceof SnapshotError && err.kind === 'corrupt', `a corrupt error, not ${String(err)}`);
    return err.message;
  }
  assert.fail('the archive was accepted');
}

describe('tarMembers: a tar read as it arrives', () => {
  for (const format of ['posix', 'gnu'] as const) {
    test(`${format} format: every member, in archive order, with its bytes (long names included)`, async () => {
      const order = ['entry/manifest.json', 'entry/data', `entry/${long}`, 'entry/empty'];
      const buf = archive(format, order);
      const names: string[] = [];
      for await (const m of tarMembers(pieces(buf), 'x')) names.push(`${m.type} ${m.name}`);
      assert.deepEqual(names, ['file entry/manifest.json', 'dir entry/data', 'file entry/data/app.db.zst', `file entry/${long}`, 'file entry/empty']);
      const got = await readAll(pieces(buf));
      for (const [name, bytes] of Object.entries(files)) assert.ok(got.get(name)?.equals(bytes), `${name} intact`);
    });
  }

  test('a member left unread is skipped', async () => {
    const got = await readAll(pieces(archive('posix', ['entry'])), (name) => name.endsWith('.zst'));
    assert.ok(got.get('entry/manifest.json')?.equals(files['entry/manifest.json'] as Buffer));
    assert.ok(!got.has('entry/data/app.db.zst'));
  });

  test('an archive cut short, inside a member or before its end marker, is refused', async () => {
    const buf = archive('posix', ['entry/manifest.json', 'entry/data']);
    assert.match(await refusal(pieces(buf.subarray(0, 400_000))), /^the test archive: not a complete tar archive \(it ends inside entry\/data\/app\.db\.zst\)/);
    // Every member whole, but no end marker (two zero blocks): not the whole archive either.
    let end = buf.length;
    while (end > 0 && buf[end - 1] === 0) end--;
    end = Math.ceil(end / 512) * 512;
    assert.match(await refusal(pieces(buf.subarray(0, end))), /not a complete tar archive \(it ends at byte \d+ without tar's end marker\)/);
  });

  test('a damaged header is refused', async () => {
    const buf = Buffer.from(archive('gnu', ['entry/manifest.json']));
    buf[0] = (buf[0] as number) ^ 0x20;
    assert.match(await refusal(pieces(buf)), /no valid tar header at byte 0/);
    assert.match(await refusal(pieces(randomBytes(4096))), /no valid tar header at byte 0/);
  });
});
