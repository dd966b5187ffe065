import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, corrupt, oneLine } from '../../engine/common/errors.ts';
import { removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE, parseManifest, readManifest } from '../../engine/manifest/manifest.ts';
import { SEEDS_DIR, SEED_KEY_FILE, dirName } from '../seed/local.ts';
import { type FoundSeed, type SaveOutcome, type SeedStaging, type SeedStore, matchKey } from '../seed/store.ts';
import { streamFiles } from './reader.ts';
import type { ObjectIO } from './io.ts';

/**
 * A seed's record, `.seeds/<readable key>-<hash>/seed.json`: written last, with If-None-Match, so
 * the first save of a key wins and entries never change, as in GitHub's cache. `entry` names the
 * folder beside it that holds this save's manifest and data (`.seeds/<dir>/<entry>/…`): each save
 * uploads into a folder of its own, so two jobs saving one key at once never mix their files,
 * whichever record stands.
 */
interface SeedRecord {
  key: string;
  createdAt: string;
  entry: string;
}

/**
 * Seeds in an object store, the same flow as a local store's (seed.ts): found by key or prefix,
 * restored as they download (every seed is zstd), saved once per key.
 */
export class ObjectSeedStore implements SeedStore {
  private readonly store: ObjectIO;

  constructor(store: ObjectIO) {
    this.store = store;
  }

  get description(): string {
    return `${this.store.description.replace(/\/$/, '')}/${SEEDS_DIR}`;
  }

  async find(key: string, restoreKeys: readonly string[]): Promise<FoundSeed | undefined> {
    await this.store.backend.checkExists();
    // The exact key is one read; prefixes need every record.
    const exact = await this.record(dirName(key));
    const hit = exact?.key === key ? exact : matchKey(await this.records(), key, restoreKeys);
    return hit ? this.open(hit) : undefined;
  }

  private async records(): Promise<SeedRecord[]> {
    const dirs = (await this.store.list(`${SEEDS_DIR}/`)).map((o) => o.key.split('/')).filter((p) => p.length === 3 && p[2] === SEED_KEY_FILE);
    const out: SeedRecord[] = [];
    for (const p of dirs) {
      const r = await this.record(p[1] as string);
      if (r) out.push(r);
    }
    return out;
  }

  private async record(dir: string): Promise<SeedRecord | undefined> {
    const text = await this.store.getText(`${SEEDS_DIR}/${dir}/${SEED_KEY_FILE}`);
    if (text === undefined) return undefined;
    try {
      const r = JSON.parse(text) as Partial<SeedRecord>;
      if (typeof r.key === 'string' && typeof r.createdAt === 'string' && typeof r.entry === 'string' && /^[0-9a-f]{24}$/.test(r.entry)) return { key: r.key, createdAt: r.createdAt, entry: r.entry };
    } catch {
      // Not one of ours: not a seed.
    }
    return undefined;
  }

  private async open(r: SeedRecord): Promise<FoundSeed> {
    const base = `${SEEDS_DIR}/${dirName(r.key)}/${r.entry}`;
    const what = `seed ${r.key} in ${this.description}`;
    const text = await this.store.getText(`${base}/${MANIFEST_FILE}`);
    if (text === undefined) throw corrupt(`${what}: its manifest is missing; the entry is damaged, change the key so that a new seed is built`);
    const manifest = parseManifest(text, `${what}: ${MANIFEST_FILE}`);
    if (manifest.databases.some((e) => e.compression !== 'zstd')) throw corrupt(`${what}: was not written by sqlite-snapshot seed (not zstd); change the key so that a new seed is built`);
    const { files, close } = streamFiles(
      this.store.backend,
      manifest,
      (file) => `${base}/${file}`,
      (file) => `${what}: ${file}`,
    );
    return { key: r.key, snapshot: { manifest, label: what, files }, close };
  }

  async stage(): Promise<SeedStaging> {
    await this.store.backend.checkExists();
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sqlite-snapshot-seed-'));
    return {
      dir,
      save: async (key) => {
        try {
          return await this.save(dir, key);
        } finally {
          await removeQuietly(dir);
        }
      },
      discard: () => removeQuietly(dir),
    };
  }

  private async save(dir: string, key: string): Promise<SaveOutcome> {
    const seedDir = `${SEEDS_DIR}/${dirName(key)}`;
    const taken = (): SaveOutcome => ({ saved: false, reason: 'taken', message: `a seed with key ${key} already exists in ${this.description} (another run saved it first); entries never change, so it stays` });
    if (await this.record(dirName(key))) return taken();
    const manifest = await readManifest(dir);
    const record: SeedRecord = { key, createdAt: new Date().toISOString(), entry: randomBytes(12).toString('hex') };
    const base = `${seedDir}/${record.entry}`;
    const uploaded: string[] = [];
    try {
      for (const file of [...manifest.databases.map((e) => e.file), MANIFEST_FILE]) {
        uploaded.push(`${base}/${file}`);
        await this.store.putFile(`${base}/${file}`, path.join(dir, file));
      }
      const text = JSON.stringify(record, null, 2) + '\n';
      const put = await this.store.putSmall(`${seedDir}/${SEED_KEY_FILE}`, text, { ifNoneMatch: true });
      // 'exists' after a retry may be our own first attempt, which landed.
      if (put === 'exists' && (await this.store.getText(`${seedDir}/${SEED_KEY_FILE}`)) !== text) {
        await this.store.deleteKeys(uploaded).catch(() => undefined);
        return taken();
      }
    } catch (err) {
      await this.store.deleteKeys(uploaded).catch(() => undefined);
      if (err instanceof SnapshotError && err.kind === 'bad-input') throw err;
      return { saved: false, reason: 'failed', message: oneLine(err) };
    }
    return { saved: true, details: { location: `${this.store.description.replace(/\/$/, '')}/${base}/` } };
  }
}
