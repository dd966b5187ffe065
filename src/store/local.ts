import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { SnapshotError, describeIoError } from '../engine/errors.ts';
import { fsyncDir, makeDirs, removeQuietly } from '../engine/files.ts';
import { MANIFEST_FILE } from '../engine/manifest.ts';
import { generationId, generationTime, isGenerationId, validateName } from './names.ts';
import type { GenerationInfo, Opened, Published, Selector, Staging, Store } from './store.ts';

/**
 * A directory of snapshots: `<root>/<name>/<generation>/{manifest.json, <db files>}`.
 * A generation is written under a dot-named staging directory and renamed into place in one
 * step, so a reader sees either no generation or a complete one, never half of one.
 */
export class LocalStore implements Store {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  get description(): string {
    return this.root;
  }

  async begin(name: string): Promise<Staging> {
    validateName(name);
    const nameDir = path.join(this.root, name);
    // What this call created, so that a failed snapshot leaves the store exactly as it found it.
    let created: string | undefined;
    let dir: string | undefined;
    while (!dir) {
      const made = await makeDirs(nameDir).catch((err: unknown) => {
        throw describeIoError(err, `store ${this.root}: cannot create ${nameDir}`);
      });
      created ??= made;
      // A concurrent failed snapshot may remove the empty name directory between mkdir and here.
      dir = await fsp.mkdtemp(path.join(nameDir, '.staging-')).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw describeIoError(err, `store ${this.root}: cannot create a staging directory in ${nameDir}`);
      });
    }
    const staging = dir;
    let done = false;
    return {
      dir: staging,
      commit: async (): Promise<Published> => {
        // Two snapshots in the same millisecond get distinct ids rather than one replacing the other.
        const base = generationId(new Date());
        for (let i = 0; ; i++) {
          const id = i === 0 ? base : `${base}-${i}`;
          const final = path.join(nameDir, id);
          try {
            await fsp.mkdir(final);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw err;
          }
          // mkdir then rename-over: rename(2) replaces an empty directory atomically, and the
          // mkdir reserved the id so a concurrent commit cannot take it.
          await fsp.rename(staging, final).catch(async (err: NodeJS.ErrnoException) => {
            // Windows cannot rename onto an existing directory, even an empty one.
            if (process.platform !== 'win32') throw err;
            await fsp.rmdir(final);
            await fsp.rename(staging, final);
          });
          await fsyncDir(nameDir);
          done = true;
          return { name, generation: id, location: final };
        }
      },
      abort: async (): Promise<void> => {
        if (done) return;
        await removeQuietly(staging);
        // Only directories this call created, and only while empty: rmdir refuses anything else.
        if (created) {
          for (let d = nameDir; d.startsWith(created); d = path.dirname(d)) {
            if (!(await fsp.rmdir(d).then(() => true, () => false))) break;
          }
        }
      },
    };
  }

  async list(name?: string): Promise<GenerationInfo[]> {
    const names = name ? [validateName(name)] : await this.names();
    const out: GenerationInfo[] = [];
    for (const n of names) {
      const entries = await fsp.readdir(path.join(this.root, n)).catch(() => [] as string[]);
      for (const id of entries.filter(isGenerationId).sort()) {
        const dir = path.join(this.root, n, id);
        // A generation directory without a manifest is not a snapshot (see begin/commit).
        if (!(await fsp.stat(path.join(dir, MANIFEST_FILE)).catch(() => undefined))) continue;
        out.push({ name: n, generation: id, createdAt: (generationTime(id) as Date).toISOString(), dir });
      }
    }
    return out;
  }

  private async names(): Promise<string[]> {
    const entries = await fsp.readdir(this.root, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  }

  async open(name: string, select: Selector = {}): Promise<Opened> {
    validateName(name);
    if (!(await fsp.stat(this.root).catch(() => undefined))) {
      throw new SnapshotError('not-found', `store ${this.root}: no such directory; check --store`);
    }
    const gens = await this.list(name);
    let pick: GenerationInfo | undefined;
    if (select.generation) {
      pick = gens.find((g) => g.generation === select.generation);
      if (!pick) throw new SnapshotError('not-found', `snapshot ${name}: no generation ${select.generation} in ${this.root}; run "sqlite-snapshot list" to see them`);
    } else if (select.at) {
      const at = select.at.getTime();
      pick = gens.filter((g) => Date.parse(g.createdAt) <= at).at(-1);
      if (!pick) throw new SnapshotError('not-found', `snapshot ${name}: no generation at or before ${select.at.toISOString()} in ${this.root}`);
    } else {
      pick = gens.at(-1);
    }
    if (!pick) throw new SnapshotError('not-found', `snapshot "${name}" not found in ${this.root}; check --name and --store, or run "sqlite-snapshot list"`);
    return { name, generation: pick.generation, dir: pick.dir, close: async () => undefined };
  }
}
