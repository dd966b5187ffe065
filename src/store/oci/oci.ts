import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SnapshotError, corrupt, describeIoError } from '../../engine/common/errors.ts';
import { isTempName, removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE, type Manifest, parseManifest, readManifest } from '../../engine/manifest/manifest.ts';
import { isAbandoned, processTag } from '../../engine/common/process-tag.ts';
import { generationId, generationTime, validateName } from '../names.ts';
import { type PrunePlan, type RetentionPolicy, planPrune } from '../retention.ts';
import { pickGeneration } from '../select.ts';
import type { GenerationInfo, GenerationSummary, HistoryStore, LockOptions, NameLock, Opened, OpenedStream, Published, Selector, Staging, Verification } from '../store.ts';
import { VERIFICATION_FILE, damagedSummary, parseVerification, summaryOf } from '../summary.ts';
import { blobReader } from './blob-reader.ts';
import type { ObjectReader } from '../object/reader.ts';
import type { Followed } from '../object/follow.ts';
import { pushWhileWritten } from './streamed-push.ts';
import { type ClientOptions, RegistryClient, digestInvalid } from './client.ts';
import { EMPTY_CONFIG, EMPTY_CONFIG_BYTES, type Descriptor, type LayerFile, buildManifest, parseImageManifest, parseTag, tagFor } from './layout.ts';
import { type RegistryRef, parseRegistryRef } from './reference.ts';

/** The least wait before a tag just pushed is read the second time (see push). */
const SETTLE_MIN_MS = 100;

/** Tags tried for one generation before a commit gives up: each clash with another writer's takes the next id. */
const ID_TRIES = 20;
/** Manifests read at once when listing with figures. */
const LIST_CONCURRENCY = 4;

export interface OciStoreOptions extends ClientOptions {
  /** Where staging and download directories go (the system's temp directory by default). */
  tempRoot?: string;
}

/**
 * Generations in an OCI registry repository (`oci://host[:port]/repository`), one OCI artifact
 * each (layout.ts), pullable with `oras pull`. A snapshot is written to a private staging
 * directory, each database pushed while the engine writes it (streamed-push.ts), the rest at
 * commit: blobs first (those already in the repository are skipped), the tagged manifest last, so a generation is visible only when whole and a killed push leaves nothing any
 * reader sees. No writer lock: two writers each push their own generation under their own tag.
 */
export class OciStore implements HistoryStore {
  readonly ref: RegistryRef;
  readonly client: RegistryClient;
  private readonly tempRoot: string;

  constructor(ref: RegistryRef, opts: OciStoreOptions = {}) {
    this.ref = ref;
    this.client = new RegistryClient(ref, opts);
    this.tempRoot = path.join(opts.tempRoot ?? os.tmpdir(), 'sqlite-snapshot-oci');
  }

  get description(): string {
    return this.ref.display;
  }

  /** A repository that does not exist yet is an empty store (registries create it on the first push); this checks that it can be read. */
  async checkExists(): Promise<void> {
    await this.client.tags();
  }

  async begin(name: string): Promise<Staging> {
    validateName(name);
    // Every generation needs the empty config blob; pushing it first also proves, in one small
    // request, that the credentials may push here, before a large database is snapshotted for nothing.
    await this.client.pushBlob(EMPTY_CONFIG.digest, EMPTY_CONFIG.size, () => EMPTY_CONFIG_BYTES);
    const dir = await this.privateDir('staging');
    let done = false;
    const controller = new AbortController();
    // Databases pushed while the engine wrote them, by file name: what was sent, or undefined when it failed.
    const streamed = new Map<string, Promise<Followed | undefined>>();
    return {
      dir,
      scratch: true,
      onStoredFile: (w) => {
        streamed.set(w.file, pushWhileWritten(this.client, w, controller.signal).catch(() => undefined));
      },
      commit: async () => {
        const published = await this.push(name, dir, streamed);
        done = true;
        await removeQuietly(dir);
        return published;
      },
      abort: async () => {
        controller.abort();
        await Promise.all(streamed.values());
        if (!done) await removeQuietly(dir);
      },
    };
  }

  /**
   * Pushes a staged generation: every blob not pushed while it was written, then the manifest
   * under a tag no other generation holds.
   */
  private async push(name: string, dir: string, streamed: Map<string, Promise<Followed | undefined>>): Promise<Published> {
    const snapshot = await readManifest(dir);
    const files = await this.layerFiles(dir, snapshot);
    for (const f of files) {
      const sent = await streamed.get(f.file);
      // Sent while written, as the bytes the manifest describes (the registry checked the digest).
      if (sent && `sha256:${sent.sha256}` === f.digest && sent.size === f.size) continue;
      await this.client.pushBlob(f.digest, f.size, () => createReadStream(path.join(dir, f.file)));
    }
    const base = generationId(new Date());
    for (let i = 0; i < ID_TRIES; i++) {
      const generation = i === 0 ? base : `${base}-${i}`;
      const tag = tagFor(name, generation);
      // Tags can be overwritten: one already taken belongs to another writer's generation.
      if (await this.client.manifestDigest(tag)) continue;
      const body = buildManifest(name, generation, snapshot, files);
      const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
      const t0 = performance.now();
      try {
        await this.client.putManifest(tag, body);
      } catch (err) {
        // Another writer's PUT to this tag at the same moment: the registry refused ours.
        if (digestInvalid(err)) continue;
        throw err;
      }
      // A writer that took the same tag between our look and our PUT overwrote it or was overwritten:
      // the one whose manifest the tag does not hold now takes the next id, so both generations stay.
      if ((await this.client.manifestDigest(tag)) !== digest) continue;
      // Registries have no conditional PUT: a writer that looked before our PUT may still land its
      // own after our read. Its PUT follows its look by about one round trip, so a second read a few
      // round trips later sees it (seen in the suite: both writers of one millisecond kept one tag).
      await sleep(Math.max(SETTLE_MIN_MS, 4 * (performance.now() - t0)));
      if ((await this.client.manifestDigest(tag)) !== digest) continue;
      const s = this.client.stats;
      return {
        name,
        generation,
        location: `${this.ref.display}:${tag}`,
        details: { digest, blobsUploaded: s.blobsUploaded, blobsSkipped: s.blobsSkipped, bytesUploaded: s.bytesUploaded },
      };
    }
    throw new SnapshotError('failed', `${this.ref.display}: ${ID_TRIES} tags for a new generation of ${name} were taken by other writers meanwhile; try again`);
  }

  /**
   * The staged files with their digests. A database's sha256 is the snapshot manifest's (the
   * registry recomputes it as the bytes arrive and refuses a mismatch), so gigabytes are not read
   * twice; the small JSON files are hashed here.
   */
  private async layerFiles(dir: string, snapshot: Manifest): Promise<LayerFile[]> {
    const out: LayerFile[] = [];
    const names = (await fsp.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && !isTempName(e.name)).map((e) => e.name);
    const ordered = [MANIFEST_FILE, ...snapshot.databases.map((d) => d.file), ...(names.includes(VERIFICATION_FILE) ? [VERIFICATION_FILE] : [])];
    for (const file of ordered) {
      const full = path.join(dir, file);
      const { size } = await fsp.stat(full).catch((err: unknown) => {
        throw describeIoError(err, `${this.ref.display}: cannot read the staged ${file}`);
      });
      const entry = snapshot.databases.find((d) => d.file === file);
      const digest = entry && entry.storedSize === size ? `sha256:${entry.storedSha256}` : `sha256:${createHash('sha256').update(await fsp.readFile(full)).digest('hex')}`;
      out.push({ file, digest, size });
    }
    return out;
  }

  async list(name?: string): Promise<GenerationInfo[]> {
    if (name !== undefined) validateName(name);
    const out: GenerationInfo[] = [];
    for (const tag of await this.client.tags()) {
      const t = parseTag(tag);
      if (!t || (name !== undefined && t.name !== name)) continue;
      out.push({ name: t.name, generation: t.generation, createdAt: (generationTime(t.generation) as Date).toISOString(), dir: `${this.ref.display}:${tag}` });
    }
    return out.sort((a, b) => (a.name === b.name ? (a.generation < b.generation ? -1 : 1) : a.name < b.name ? -1 : 1));
  }

  /** The generation a selector names, with its layers. */
  private async select(name: string, select: Selector): Promise<{ info: GenerationInfo; layers: Map<string, Descriptor> }> {
    validateName(name);
    const gens = await this.list(name);
    const info = pickGeneration(gens, name, select, this.ref.display);
    const what = `${this.ref.display}:${tagFor(name, info.generation)}`;
    const got = await this.client.manifest(tagFor(name, info.generation));
    if (!got) throw new SnapshotError('not-found', `snapshot ${name}: generation ${info.generation} was removed from ${this.ref.display} while opening it; retry`);
    return { info, layers: parseImageManifest(got.body, got.digest, what) };
  }

  /** Downloads a generation into a private directory, each file checked against its digest. */
  async open(name: string, select: Selector = {}): Promise<Opened> {
    const { info, layers } = await this.select(name, select);
    const dir = await this.privateDir('reader');
    try {
      for (const [file, layer] of layers) await this.download(layer, path.join(dir, file), `${info.dir} ${file}`);
    } catch (err) {
      await removeQuietly(dir);
      throw err;
    }
    return { name, generation: info.generation, dir, close: () => removeQuietly(dir) };
  }

  /**
   * A generation read once as it downloads: its snapshot manifest first, then each database as a
   * stream that restoreStreamed decodes while it arrives. Undefined when a database is not stored
   * as zstd (only zstd frames are decoded from a stream): then open() downloads it to files.
   */
  async openStream(name: string, select: Selector = {}): Promise<OpenedStream | undefined> {
    const { info, layers } = await this.select(name, select);
    const label = info.dir;
    const manifest = await this.snapshotManifest(layers, label);
    if (manifest.databases.some((d) => d.compression !== 'zstd')) return undefined;
    for (const d of manifest.databases) {
      const layer = layers.get(d.file);
      // The layer list and the snapshot's own manifest must agree: a layer is proven by the sha256 the manifest records.
      if (!layer || layer.digest !== `sha256:${d.storedSha256}` || layer.size !== d.storedSize) {
        throw corrupt(`${label}: the layer of ${d.file} does not match the snapshot's manifest; the generation is damaged, restore another one`);
      }
    }
    const readers: ObjectReader[] = [];
    const client = this.client;
    const files = async function* (): AsyncGenerator<{ file: string; source: ObjectReader }> {
      for (const d of manifest.databases) {
        const reader = blobReader(client, `sha256:${d.storedSha256}`, d.storedSize, `${label} ${d.file}`);
        readers.push(reader);
        try {
          yield { file: d.file, source: reader };
        } finally {
          await reader.close();
        }
      }
    };
    return { name, generation: info.generation, snapshot: { manifest, label, files: files(), youngGc: true }, close: async () => void (await Promise.all(readers.map((r) => r.close()))) };
  }

  /** A blob written to a file, resumed if the connection breaks, refused unless its sha256 is the digest. */
  private async download(layer: Descriptor, file: string, what: string): Promise<void> {
    const reader = blobReader(this.client, layer.digest, layer.size, what);
    const hash = createHash('sha256');
    const fh = await fsp.open(file, 'wx');
    let size = 0;
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const n = await reader.read(buf, 0, buf.length);
        if (n === 0) break;
        hash.update(buf.subarray(0, n));
        size += n;
        await fh.write(buf, 0, n);
      }
    } finally {
      await reader.close();
      await fh.close();
    }
    if (size !== layer.size || `sha256:${hash.digest('hex')}` !== layer.digest) {
      throw corrupt(`${what}: the downloaded bytes do not match the layer's digest ${layer.digest}; the download or the stored blob is damaged, try again`);
    }
  }

  /** A small blob (a manifest, a verification record) in memory, checked against its digest. */
  private async smallBlob(layer: Descriptor, what: string): Promise<Buffer> {
    if (layer.size > 16 << 20) throw corrupt(`${what}: is ${layer.size} bytes, too large to be ours; the generation is damaged`);
    const reader = blobReader(this.client, layer.digest, layer.size, what);
    const buf = Buffer.alloc(layer.size);
    try {
      for (let got = 0; got < layer.size; ) {
        const n = await reader.read(buf, got, layer.size - got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      await reader.close();
    }
    if (`sha256:${createHash('sha256').update(buf).digest('hex')}` !== layer.digest) {
      throw corrupt(`${what}: the downloaded bytes do not match the layer's digest ${layer.digest}; the download or the stored blob is damaged, try again`);
    }
    return buf;
  }

  async summarize(name?: string): Promise<GenerationSummary[]> {
    const gens = await this.list(name);
    const out: GenerationSummary[] = new Array(gens.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < gens.length) {
        const i = next++;
        const g = gens[i] as GenerationInfo;
        const s = await this.summaryOf(g);
        if (s) out[i] = s;
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, gens.length) }, worker));
    return out.filter(Boolean);
  }

  /** A generation's line in `list`; undefined when it was pruned while we read it (not damaged, just gone). */
  private async summaryOf(g: GenerationInfo): Promise<GenerationSummary | undefined> {
    let verified: Verification | null = null;
    try {
      const got = await this.client.manifest(tagFor(g.name, g.generation));
      if (!got) throw new SnapshotError('not-found', 'pruned meanwhile');
      const layers = parseImageManifest(got.body, got.digest, g.dir);
      const v = layers.get(VERIFICATION_FILE);
      if (v) verified = parseVerification((await this.smallBlob(v, `${g.dir} ${VERIFICATION_FILE}`)).toString('utf8')) ?? null;
      return summaryOf(g, await this.snapshotManifest(layers, g.dir), verified);
    } catch (err) {
      if (err instanceof SnapshotError && err.kind === 'not-found') return undefined;
      if (!(err instanceof SnapshotError) || err.kind !== 'corrupt') throw err;
      return damagedSummary(g, verified, err.message);
    }
  }

  /** The snapshot's own manifest.json, from its layer. */
  private async snapshotManifest(layers: Map<string, Descriptor>, what: string): Promise<Manifest> {
    return parseManifest((await this.smallBlob(layers.get(MANIFEST_FILE) as Descriptor, `${what} ${MANIFEST_FILE}`)).toString('utf8'), `${what}: ${MANIFEST_FILE}`);
  }

  /** No lock: writers of one name each push their own generation under their own tag (see push). */
  async lock(_name: string, _opts: LockOptions): Promise<NameLock> {
    return { release: async () => undefined };
  }

  /**
   * Removes the staging and download directories of this host's crashed runs. What a killed push
   * left in the registry is out of reach and out of sight: blobs no manifest references (the
   * registry's garbage collection removes them) and unfinished uploads (which the registry expires).
   */
  async sweep(_name: string): Promise<string[]> {
    const removed: string[] = [];
    for (const e of await fsp.readdir(this.tempRoot).catch(() => [] as string[])) {
      if (isAbandoned(e)) {
        await removeQuietly(path.join(this.tempRoot, e));
        removed.push(e);
      }
    }
    return removed;
  }

  /**
   * Deletes the manifests of the generations a policy removes. Blobs stay: the registry's garbage
   * collection removes those no manifest references any more, so a blob another generation shares
   * is never lost, and a prune killed at any point leaves every remaining generation whole.
   */
  async prune(name: string, policy: RetentionPolicy, opts: { dryRun?: boolean; now?: Date } = {}): Promise<PrunePlan> {
    const gens = await this.list(name);
    const plan = planPrune(gens.map((g) => g.generation), policy, opts.now ?? new Date());
    if (opts.dryRun) return plan;
    for (const { generation } of plan.remove) {
      const tag = tagFor(name, generation);
      // A verify may re-tag the generation meanwhile (recordVerification): delete until the tag points nowhere.
      for (let digest = await this.client.manifestDigest(tag); digest; digest = await this.client.manifestDigest(tag)) {
        await this.client.deleteManifest(digest).catch((err: unknown) => {
          throw deleteRefused(err, this.ref.display);
        });
      }
    }
    return plan;
  }

  /**
   * Records a verification in a published generation: the same manifest with a verification.json
   * layer added (or replaced), under the same tag. The old manifest is left untagged, for the
   * registry's garbage collection; the data layers are shared, so nothing is sent again but the record.
   */
  async recordVerification(name: string, generation: string, v: Verification): Promise<void> {
    const tag = tagFor(validateName(name), generation);
    const got = await this.client.manifest(tag);
    if (!got) return;
    const layers = parseImageManifest(got.body, got.digest, `${this.ref.display}:${tag}`);
    const record = Buffer.from(JSON.stringify(v, null, 2) + '\n');
    const digest = `sha256:${createHash('sha256').update(record).digest('hex')}`;
    await this.client.pushBlob(digest, record.length, () => record);
    const snapshot = await this.snapshotManifest(layers, `${this.ref.display}:${tag}`);
    const files: LayerFile[] = [...layers].filter(([f]) => f !== VERIFICATION_FILE).map(([file, l]) => ({ file, digest: l.digest, size: l.size }));
    files.push({ file: VERIFICATION_FILE, digest, size: record.length });
    // A generation pruned while we verified it stays pruned.
    if ((await this.client.manifestDigest(tag)) !== got.digest) return;
    await this.client.putManifest(tag, buildManifest(name, generation, snapshot, files));
  }

  /** A private directory under the temp root, tagged with this process so a later run can sweep it once we are gone. */
  private async privateDir(kind: 'staging' | 'reader'): Promise<string> {
    await fsp.mkdir(this.tempRoot, { recursive: true });
    return fsp.mkdtemp(path.join(this.tempRoot, `.${kind}-${processTag()}-`));
  }
}

/** The store an `oci://` URL names. */
export function ociStore(url: URL, inputName = '--store', opts: OciStoreOptions = {}): OciStore {
  return new OciStore(parseRegistryRef(url, inputName, opts.env), opts);
}

function deleteRefused(err: unknown, display: string): unknown {
  if (err instanceof SnapshotError && /answered 405|UNSUPPORTED/.test(err.message)) {
    return new SnapshotError('failed', `${display}: the registry does not allow deleting manifests (405 UNSUPPORTED), so prune cannot remove generations; enable deletes (distribution: storage.delete.enabled) or delete old tags with the registry's own tools`, { cause: err });
  }
  return err;
}
