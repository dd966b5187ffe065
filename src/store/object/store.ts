import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, oneLine } from '../../engine/common/errors.ts';
import { removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE, type Manifest, parseManifest, readManifest } from '../../engine/manifest/manifest.ts';
import { HOST_TAG, processAlive } from '../../engine/common/process-tag.ts';
import type { StoredFileWrite } from '../../engine/snapshot/options.ts';
import { generationId, generationTime, validateName } from '../names.ts';
import { type PrunePlan, type RetentionPolicy, planPrune } from '../retention.ts';
import { pickGeneration } from '../select.ts';
import type { GenerationInfo, GenerationSummary, HistoryStore, NameLock, Opened, OpenedStream, Published, Selector, Staging, Verification } from '../store.ts';
import { VERIFICATION_FILE, damagedSummary, parseVerification, summaryOf } from '../summary.ts';
import type { SeedStore } from '../seed/store.ts';
import type { ObjectBackend } from './backend.ts';
import { ObjectIO } from './io.ts';
import { MARKER_FILE, STALE_UPLOAD_MS, type UploadMarker, generationPrefix, manifestKey, markerKey, objectKey, parseKey, parseMarker, verificationKey } from './layout.ts';
import { downloadToFile, streamFiles } from './reader.ts';
import { ObjectSeedStore } from './seeds.ts';
import type { Followed } from './follow.ts';
import { putWhileWritten } from './streamed-put.ts';

/** Generations summarized at once by `list`: each is two small GETs. */
const SUMMARY_CONCURRENCY = 8;

export interface ObjectStoreOptions {
  /** Where snapshots are staged before upload and generations downloaded for verify (default: the OS temp dir). */
  tempRoot?: string;
}

/**
 * Generations in an object store (S3, Azure Blob, …) through an ObjectBackend, with the local
 * store's guarantees on a store that can fail half-way (docs/stores.md):
 * - a generation is visible once its manifest is there, and the manifest is written last: readers
 *   list manifests and never see half a generation;
 * - a snapshot is staged in a local temp directory by the engine and uploaded as it is written:
 *   first an in-flight marker put with If-None-Match (it reserves the id: two writers never share
 *   one), then each data file while the engine writes it (streamed-put.ts), and at commit the
 *   verification record, the manifest (conditional too), and the marker is deleted; what a killed
 *   upload leaves is swept by the next run or prune (sweep), parts of a multipart upload by the
 *   service's own expiry;
 * - prune deletes a generation's manifest first, so a prune killed midway leaves only unreachable
 *   objects, which sweep removes, and every remaining generation whole;
 * - reads resume where a connection dropped (reader.ts); the manifest's checksums prove the bytes.
 * No writer lock: two writers of one name each publish their own generation, and a sweep never
 * removes an upload whose writer may be alive.
 */
export class ObjectStore implements HistoryStore {
  private readonly tempRoot: string;
  readonly backend: ObjectBackend;
  readonly io: ObjectIO;

  constructor(backend: ObjectBackend, opts: ObjectStoreOptions = {}) {
    this.backend = backend;
    this.io = new ObjectIO(backend);
    this.tempRoot = opts.tempRoot ?? os.tmpdir();
  }

  get description(): string {
    return this.backend.description;
  }

  checkExists(): Promise<void> {
    return this.backend.checkExists();
  }

  /** Seeds beside the generations, under `.seeds/` (seeds.ts). */
  seedStore(): SeedStore {
    return new ObjectSeedStore(this.io);
  }

  async lock(): Promise<NameLock> {
    return { release: async () => undefined };
  }

  /** No lock directory is ever created here (see lock). */
  async discardCreatedLockDir(): Promise<void> {}

  async begin(name: string): Promise<Staging> {
    validateName(name);
    await this.backend.checkExists();
    const dir = await this.privateDir('upload');
    const controller = new AbortController();
    const upload = new Upload(this, name, dir, controller.signal);
    let committing: Promise<Published> | undefined;
    return {
      dir,
      scratch: true,
      onStoredFile: (w) => upload.follow(w),
      commit: () => (committing ??= upload.run().finally(() => removeQuietly(dir))),
      abort: async () => {
        controller.abort();
        await committing?.catch(() => undefined);
        await upload.settled();
        await removeQuietly(dir);
        await upload.discard();
      },
    };
  }

  async list(name?: string): Promise<GenerationInfo[]> {
    const objects = await this.io.list(name ? `${validateName(name)}/` : '');
    const out: GenerationInfo[] = [];
    for (const o of objects) {
      const k = parseKey(o.key);
      if (!k || k.file !== MANIFEST_FILE) continue;
      out.push({ name: k.name, generation: k.generation, createdAt: (generationTime(k.generation) as Date).toISOString(), dir: this.location(k.name, k.generation) });
    }
    return out.sort((a, b) => (a.name === b.name ? cmp(a.generation, b.generation) : cmp(a.name, b.name)));
  }

  async open(name: string, select: Selector = {}, attempt = 0): Promise<Opened> {
    validateName(name);
    await this.backend.checkExists();
    const pick = pickGeneration(await this.list(name), name, select, this.description);
    const dir = await this.privateDir('download');
    try {
      const text = await this.io.getText(manifestKey(name, pick.generation));
      if (text === undefined) throw new SnapshotError('not-found', `snapshot ${name}: generation ${pick.generation} was removed while opening it; retry`);
      await fsp.writeFile(path.join(dir, MANIFEST_FILE), text);
      const manifest = await readManifest(dir);
      for (const e of manifest.databases) {
        await downloadToFile(this.backend, objectKey(name, pick.generation, e.file), e.storedSize, path.join(dir, e.file), this.label(name, pick.generation, e.file));
      }
      const verification = await this.io.getText(verificationKey(name, pick.generation));
      if (verification !== undefined) await fsp.writeFile(path.join(dir, VERIFICATION_FILE), verification);
      return { name, generation: pick.generation, dir, close: () => removeQuietly(dir) };
    } catch (err) {
      await removeQuietly(dir);
      // Pruned between listing and reading: choose again, unless it was asked for by id.
      if (err instanceof SnapshotError && err.kind === 'not-found' && !select.generation && attempt < 5) return this.open(name, select, attempt + 1);
      throw err;
    }
  }

  async openStream(name: string, select: Selector = {}): Promise<OpenedStream | undefined> {
    validateName(name);
    await this.backend.checkExists();
    const pick = pickGeneration(await this.list(name), name, select, this.description);
    const text = await this.io.getText(manifestKey(name, pick.generation));
    if (text === undefined) return undefined;
    const manifest = parseManifest(text, this.label(name, pick.generation, MANIFEST_FILE));
    // Only zstd entries decode as they arrive (the engine's decodeStreamToFile); the rest are read from files.
    if (manifest.databases.some((e) => e.compression !== 'zstd')) return undefined;
    const { files, close } = streamFiles(
      this.backend,
      manifest,
      (file) => objectKey(name, pick.generation, file),
      (file) => this.label(name, pick.generation, file),
    );
    return { name, generation: pick.generation, snapshot: { manifest, label: `generation ${pick.generation} of ${name} in ${this.description}`, files, youngGc: true }, close };
  }

  async summarize(name?: string): Promise<GenerationSummary[]> {
    const gens = await this.list(name);
    const out: (GenerationSummary | undefined)[] = new Array(gens.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < gens.length; i = next++) out[i] = await this.summary(gens[i] as GenerationInfo);
    };
    await Promise.all(Array.from({ length: Math.min(SUMMARY_CONCURRENCY, gens.length) }, worker));
    return out.filter((s): s is GenerationSummary => s !== undefined);
  }

  private async summary(g: GenerationInfo): Promise<GenerationSummary | undefined> {
    const vText = await this.io.getText(verificationKey(g.name, g.generation));
    const verified = (vText === undefined ? undefined : parseVerification(vText)) ?? null;
    let text: string | undefined;
    try {
      text = await this.io.getText(manifestKey(g.name, g.generation));
      // Pruned between listing and reading: not a damaged generation, just gone.
      if (text === undefined) return undefined;
      return summaryOf(g, parseManifest(text, this.label(g.name, g.generation, MANIFEST_FILE)), verified);
    } catch (err) {
      if (text === undefined) throw err;
      return damagedSummary(g, verified, oneLine(err));
    }
  }

  async recordVerification(name: string, generation: string, v: Verification): Promise<void> {
    if (!(await this.backend.head(manifestKey(validateName(name), generation)))) return;
    await this.io.putSmall(verificationKey(name, generation), JSON.stringify(v, null, 2) + '\n');
  }

  /**
   * Removes what killed runs left under a name: generations without a manifest whose upload is
   * over (see UploadMarker), and markers left beside a manifest by an upload killed just after it.
   */
  async sweep(name: string): Promise<string[]> {
    const objects = await this.io.list(`${validateName(name)}/`);
    const byGeneration = new Map<string, string[]>();
    for (const o of objects) {
      const k = parseKey(o.key);
      if (k) byGeneration.set(k.generation, [...(byGeneration.get(k.generation) ?? []), k.file]);
    }
    const removed: string[] = [];
    for (const [generation, files] of byGeneration) {
      if (files.includes(MANIFEST_FILE)) {
        if (files.includes(MARKER_FILE)) await this.io.deleteKeys([markerKey(name, generation)]);
        continue;
      }
      // Read after the listing: a writer puts its marker before any data, so data seen without one is not in flight.
      const markerText = await this.io.getText(markerKey(name, generation));
      const marker = markerText === undefined ? undefined : parseMarker(markerText);
      if (marker && !abandoned(marker)) continue;
      // No marker now: an upload listed in flight may have just committed (manifest put,
      // then marker deleted). Two snapshots of one name at once each sweep first; without this
      // look, the later one deleted the other's data under its new manifest.
      if (markerText === undefined && (await this.backend.head(manifestKey(name, generation)))) continue;
      // Data first and the marker last: a sweep killed midway is taken up again by the next one.
      const keys = files.filter((f) => f !== MARKER_FILE).map((f) => objectKey(name, generation, f));
      await this.io.deleteKeys([...keys, ...(markerText !== undefined ? [markerKey(name, generation)] : [])]);
      removed.push(generation);
    }
    return removed;
  }

  async prune(name: string, policy: RetentionPolicy, opts: { dryRun?: boolean; now?: Date } = {}): Promise<PrunePlan> {
    const gens = await this.list(name);
    const plan = planPrune(gens.map((g) => g.generation), policy, opts.now ?? new Date());
    if (opts.dryRun) return plan;
    for (const { generation } of plan.remove) await this.remove(name, generation);
    return plan;
  }

  /** Deletes one generation: its manifest first (then no reader sees it), then everything under it. */
  private async remove(name: string, generation: string): Promise<void> {
    await this.io.deleteKeys([manifestKey(name, generation)]);
    const rest = await this.io.list(generationPrefix(name, generation));
    await this.io.deleteKeys(rest.map((o) => o.key));
  }

  // ---- helpers shared with Upload ----

  location(name: string, generation: string): string {
    return `${this.description.replace(/\/$/, '')}/${generationPrefix(name, generation)}`;
  }

  label(name: string, generation: string, file: string): string {
    return `${this.location(name, generation)}${file}`;
  }

  private async privateDir(what: string): Promise<string> {
    await fsp.mkdir(this.tempRoot, { recursive: true });
    return fsp.mkdtemp(path.join(this.tempRoot, `sqlite-snapshot-${what}-`));
  }
}

/**
 * One snapshot's way into the store: reserve a generation id with the marker, upload the data
 * files (each while the engine writes it: follow), the verification record, then the manifest,
 * then drop the marker. `discard` removes what it uploaded, the manifest first, unless it was
 * published.
 */
class Upload {
  private readonly uploaded: string[] = [];
  private published = false;
  private readonly store: ObjectStore;
  private readonly name: string;
  private readonly dir: string;
  private readonly signal: AbortSignal;
  private reserving: Promise<string> | undefined;
  /** Data files uploaded as they were written, by file name: what was sent, or why it was not. */
  private readonly streamed = new Map<string, Promise<Followed | undefined>>();

  constructor(store: ObjectStore, name: string, dir: string, signal: AbortSignal) {
    this.store = store;
    this.name = name;
    this.dir = dir;
    this.signal = signal;
  }

  /** The generation id, reserved once: by the first data file the engine starts, else by commit. */
  private generation(): Promise<string> {
    return (this.reserving ??= this.reserve());
  }

  /**
   * Starts uploading a data file as the engine writes it (SnapshotOptions.onStoredFile). A file
   * whose upload failed is sent again whole by run(), from the staged copy; one whose snapshot
   * failed is never committed (abort).
   */
  follow(w: StoredFileWrite): void {
    const sent = (async () => {
      const key = objectKey(this.name, await this.generation(), w.file);
      this.uploaded.push(key);
      return putWhileWritten(this.store.io, key, w, this.signal);
    })().catch(() => undefined);
    this.streamed.set(w.file, sent);
  }

  /** Resolves once no upload of a data file is running (after an abort, before discard). */
  async settled(): Promise<void> {
    await Promise.all([...this.streamed.values(), this.reserving?.catch(() => undefined)]);
  }

  async run(): Promise<Published> {
    const manifest = await readManifest(this.dir);
    const generation = await this.generation();
    const { name, store } = this;
    for (const file of uploadedFiles(manifest, await exists(path.join(this.dir, VERIFICATION_FILE)))) {
      const key = objectKey(name, generation, file);
      const entry = manifest.databases.find((e) => e.file === file);
      const sent = await this.streamed.get(file);
      // Sent while written, and the bytes the manifest describes: nothing more to send.
      if (sent && entry && sent.size === entry.storedSize && sent.sha256 === entry.storedSha256) continue;
      if (!this.uploaded.includes(key)) this.uploaded.push(key);
      await store.io.putFile(key, path.join(this.dir, file), this.signal);
    }
    const manifestText = await fsp.readFile(path.join(this.dir, MANIFEST_FILE), 'utf8');
    this.uploaded.push(manifestKey(name, generation));
    const put = await store.io.putSmall(manifestKey(name, generation), manifestText, { ifNoneMatch: true, signal: this.signal });
    // 'exists' after a retry may be our own first attempt, which landed: then the text is ours.
    if (put === 'exists' && (await store.io.getText(manifestKey(name, generation))) !== manifestText) {
      // That manifest is the other writer's: discard must not delete it.
      this.uploaded.pop();
      throw new SnapshotError('failed', `snapshot ${name}: another writer published generation ${generation} in ${store.description} first; nothing of this snapshot was kept`);
    }
    this.published = true;
    await store.io.deleteKeys([markerKey(name, generation)]).catch(() => undefined);
    return { name, generation, location: store.location(name, generation) };
  }

  /** Claims a fresh generation id: the first whose marker we could create (If-None-Match), checked by reading it back. */
  private async reserve(): Promise<string> {
    const { name, store } = this;
    const base = generationId(new Date());
    const marker: UploadMarker = { host: HOST_TAG, pid: process.pid, startedAt: new Date().toISOString(), nonce: randomBytes(12).toString('hex') };
    const text = JSON.stringify(marker) + '\n';
    for (let i = 0; i < 100; i++) {
      const generation = i === 0 ? base : `${base}-${i}`;
      // Services that ignore If-None-Match (s3rver) are at least not raced by a writer seen here.
      if ((await store.io.getText(manifestKey(name, generation))) !== undefined || (await store.io.getText(markerKey(name, generation))) !== undefined) continue;
      this.uploaded.push(markerKey(name, generation));
      const put = await store.io.putSmall(markerKey(name, generation), text, { ifNoneMatch: true, signal: this.signal });
      if (put === 'ok' || (await store.io.getText(markerKey(name, generation))) === text) return generation;
      this.uploaded.pop();
    }
    throw new SnapshotError('failed', `snapshot ${name}: could not claim a generation id in ${store.description} (100 taken in one millisecond); retry`);
  }

  async discard(): Promise<void> {
    if (this.published) return;
    const manifests = this.uploaded.filter((k) => k.endsWith(`/${MANIFEST_FILE}`));
    const markers = this.uploaded.filter((k) => k.endsWith(`/${MARKER_FILE}`));
    const data = this.uploaded.filter((k) => !manifests.includes(k) && !markers.includes(k));
    // Manifest first (never a visible generation without its data), marker last (sweep finishes a killed discard).
    await this.store.io.deleteKeys([...manifests, ...data, ...markers]).catch(() => undefined);
  }
}

/** What a generation's upload sends before its manifest: each database's data file, then the verification record if any. */
function uploadedFiles(manifest: Manifest, verified: boolean): string[] {
  return [...manifest.databases.map((e) => e.file), ...(verified ? [VERIFICATION_FILE] : [])];
}

async function exists(file: string): Promise<boolean> {
  return fsp.stat(file).then(
    () => true,
    () => false,
  );
}

/** A marker of a finished upload attempt: its process (on this host) is gone, or it is older than any upload runs. */
function abandoned(m: UploadMarker): boolean {
  if (m.host === HOST_TAG && m.pid !== process.pid && !processAlive(m.pid)) return true;
  const started = Date.parse(m.startedAt);
  return Number.isNaN(started) || Date.now() - started > STALE_UPLOAD_MS;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
