import type { Artifact, FindOptions } from '@actions/artifact';
import type { ArtifactReader } from './artifact-reader.ts';
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SnapshotError, badInput, corrupt, oneLine } from '../../engine/common/errors.ts';
import { removeQuietly } from '../../engine/common/files.ts';
import { MANIFEST_FILE, readManifest } from '../../engine/manifest/manifest.ts';
import { ArtifactUploader, type ListedArtifact, type ZipSource } from './artifact-upload/upload.ts';
import { RestClient, RestError, describeRun, findLatest, isFork, type LatestSkipped, type Repo, type RestArtifact, type RestRun } from './rest.ts';
import { validateName } from '../names.ts';
import { currentRepo } from './repository.ts';
import { stagedUpload } from '../staging.ts';
import { whileChecking } from '../while-checking.ts';
import type { GenerationInfo, Opened, Published, Selector, Staging, Store } from '../store.ts';

/** Which run's artifacts `open` and `list` look at. */
export interface ArtifactSource {
  /** Omitted: this run. A number: that run (REST, needs a token). `latest`: see findLatest. */
  runId?: number | 'latest';
  /** Omitted: this repository. */
  repository?: Repo;
  token?: string;
  /** For `latest`: the branch the run was on. */
  branch?: string;
  /** For `latest`: only runs of this workflow file (`nightly.yml`). */
  workflow?: string;
  /** For `latest`: also take runs of pull requests from forks (their authors chose the contents). */
  allowForks?: boolean;
}

export interface GitHubStoreOptions {
  source?: ArtifactSource;
  /** Days before GitHub deletes the artifact; 0 = the repository's default. */
  retentionDays?: number;
  /** Replace an artifact of the same name uploaded earlier in this run. */
  overwrite?: boolean;
  /** Where staging and downloads go (RUNNER_TEMP on a runner). */
  tempRoot?: string;
  /** Downloads and other runs' listings; omitted: @actions/artifact's, loaded when first needed. */
  client?: ArtifactReader;
  /** Progress lines for the log (the front door decides how to print them). */
  log?: (line: string) => void;
  /** Lines a user should not miss (a fork's database restored, say). */
  warn?: (line: string) => void;
}

/** Already-compressed data deflates by a fraction of a percent at the cost of a full CPU pass. */
const STORE_ONLY = 0;
/** zlib's default: what a raw database (compression none) gets inside the zip. */
const DEFLATE_RAW = 6;

/**
 * Snapshots as GitHub Actions workflow artifacts: one artifact per snapshot, named after it,
 * holding manifest.json and the data files side by side (one zip, files stored once). The
 * artifact service keeps one artifact per name and run, so a "generation" is an artifact id.
 */
export class GitHubArtifactStore implements Store {
  private toolkitClient: Promise<ArtifactReader> | undefined;
  /**
   * Uploads, and this run's listings and deletes, without @actions/artifact: a snapshot step
   * never loads the toolkit, the Azure SDK nor undici (a quarter of a second before any work).
   */
  private readonly uploader: ArtifactUploader;
  private readonly opts: GitHubStoreOptions;
  private readonly tempRoot: string;
  /** Names checkCanPublish found free in this run: the upload need not list them again. */
  private readonly freeNames = new Set<string>();
  private readonly checks = new Map<string, Promise<void>>();

  constructor(opts: GitHubStoreOptions = {}) {
    this.opts = opts;
    this.uploader = new ArtifactUploader({ ...(opts.log ? { log: opts.log } : {}), ...(opts.warn ? { warn: opts.warn } : {}) });
    this.tempRoot = opts.tempRoot ?? process.env['RUNNER_TEMP'] ?? os.tmpdir();
  }

  /** @actions/artifact's reading half, for downloads and other runs: loaded by the steps that read, never by a snapshot. */
  private client(): Promise<ArtifactReader> {
    this.toolkitClient ??= this.opts.client ? Promise.resolve(this.opts.client) : import('./artifact-reader.ts').then((m) => m.loadArtifactReader());
    return this.toolkitClient;
  }

  get description(): string {
    const s = this.opts.source ?? {};
    const repo = s.repository ? `${s.repository.owner}/${s.repository.repo}` : 'this repository';
    const run = s.runId === undefined ? 'this run' : s.runId === 'latest' ? `the latest successful run${s.branch ? ` on ${s.branch}` : ''}` : `run ${s.runId}`;
    return `workflow artifacts of ${run} in ${repo}`;
  }

  /**
   * Fails when the upload could only end in a name clash. Asked once per name; the upload waits
   * for the answer, so a front door can take the snapshot meanwhile (whileChecking).
   */
  checkCanPublish(name: string): Promise<void> {
    validateName(name);
    let check = this.checks.get(name);
    if (!check) {
      check = this.inThisRun(name).then((existing) => {
        if (existing && !this.opts.overwrite) throw nameTaken(name, existing.database_id);
        if (!existing) this.freeNames.add(name);
      });
      // Awaited by the upload, which may come after it failed: not an unhandled rejection meanwhile.
      check.catch(() => undefined);
      this.checks.set(name, check);
    }
    return check;
  }

  /**
   * Runs `run` (a snapshot into this store) while the name is looked up, one round trip to the
   * service: `signal` is aborted if the name is taken, and the snapshot's failure then reads as
   * that error. An 8 MiB snapshot takes about as long as the lookup.
   */
  whileChecking<T>(name: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return whileChecking(this.checkCanPublish(name), run);
  }

  async begin(name: string): Promise<Staging> {
    validateName(name);
    return stagedUpload(this.tempRoot, (dir) => this.upload(name, dir));
  }

  private async upload(name: string, dir: string): Promise<Published> {
    const manifest = await readManifest(dir);
    // One entry per file, named as in the staging directory: compressed data stored as is, a raw
    // database deflated (what the toolkit's zip gave a raw database).
    const files: ZipSource[] = [
      { name: MANIFEST_FILE, path: path.join(dir, MANIFEST_FILE), level: STORE_ONLY },
      ...manifest.databases.map((d) => ({ name: d.file.split(path.sep).join('/'), path: path.join(dir, d.file), level: d.compression === 'none' ? DEFLATE_RAW : STORE_ONLY })),
    ];
    // Free when checked before the snapshot: not listed again (a round trip to the service). Should
    // another job of the run take the name meanwhile, the service refuses the upload (409) as it
    // would have right after a second listing.
    await this.checks.get(name);
    const existing = this.freeNames.has(name) ? undefined : await this.inThisRun(name);
    // The service holds one artifact per name and run, so overwrite must delete before uploading.
    let replaced = '';
    if (existing) {
      if (!this.opts.overwrite) throw nameTaken(name, existing.database_id);
      this.opts.log?.(`Deleting artifact ${name} (id ${existing.database_id}) uploaded earlier in this run (overwrite: true)`);
      await this.uploader.delete(existing).catch((err: unknown) => {
        throw describeToolkitError(err, `deleting artifact ${name} for overwrite: true`);
      });
      replaced = `; the earlier artifact ${name} (id ${existing.database_id}) was already deleted (overwrite: true)`;
    }
    let res;
    try {
      res = await this.uploader.upload(name, files, this.opts.retentionDays ?? 0);
    } catch (err) {
      // Another job of this run may have taken the name since we looked (the service answers 409).
      if (/\b409\b|already exists/i.test(oneLine(err))) throw nameTaken(name);
      if ((err as Error | undefined)?.name === 'UsageError' || /storage quota has been hit/i.test(oneLine(err))) {
        throw new SnapshotError('failed', `uploading artifact ${name}: the account's artifact storage quota is used up${replaced}; delete old artifacts or lower retention-days, then retry the job`, { cause: err });
      }
      throw new SnapshotError('failed', `uploading artifact ${name}: ${toolkitText(err)}${replaced}; retry the job`, { cause: err });
    }
    if (!Number.isSafeInteger(res.id) || res.id <= 0) throw new SnapshotError('failed', `uploading artifact ${name}: the artifact service returned no id; retry the job`);
    const url = artifactUrl(res.id);
    return {
      name,
      generation: String(res.id),
      location: url,
      details: { artifactId: res.id, digest: res.digest, size: res.size, url },
    };
  }

  /** The newest artifact of this run with that name, as the service lists it. */
  private async inThisRun(name: string): Promise<ListedArtifact | undefined> {
    const found = await this.uploader.list(name).catch((err: unknown) => {
      throw describeToolkitError(err, 'listing the artifacts of this run');
    });
    return found[0];
  }

  async list(name?: string): Promise<GenerationInfo[]> {
    const { artifacts } = await (await this.client()).listArtifacts({ latest: true, ...(await this.findBy()) });
    return artifacts
      .filter((a) => name === undefined || a.name === name)
      .map((a) => ({ name: a.name, generation: String(a.id), createdAt: a.createdAt ? new Date(a.createdAt).toISOString() : '', dir: '' }));
  }

  private async findBy(runId?: number): Promise<FindOptions> {
    const s = this.opts.source ?? {};
    const id = runId ?? (typeof s.runId === 'number' ? s.runId : undefined);
    if (id === undefined) return {};
    if (!s.token) throw badInput('github-token: is empty; reading another run\'s artifacts needs a token with actions:read');
    const repo = s.repository ?? currentRepo();
    return { findBy: { token: s.token, workflowRunId: id, repositoryOwner: repo.owner, repositoryName: repo.repo } };
  }

  /** `run-id: latest`, with a log line on every run passed over and on the one chosen. */
  private async findLatestRun(name: string, token: string): Promise<{ runId: number; artifact: RestArtifact }> {
    const s = this.opts.source ?? {};
    const repo = s.repository ?? currentRepo();
    const repoName = `${repo.owner}/${repo.repo}`;
    const branch = s.branch ?? '';
    const { found, skipped } = await findLatest(new RestClient(token), repo, { name, branch, ...(s.workflow ? { workflow: s.workflow } : {}), allowForks: s.allowForks ?? false });
    logSkipped(skipped, s.workflow, (line) => this.opts.log?.(line));
    const onBranch = branch ? ` on ${branch}` : '';
    const ofWorkflow = s.workflow ? ` of ${s.workflow}` : '';
    if (!found) {
      const forks = skipped.forks.length ? `; ${skipped.forks.length} fork run(s) with it were skipped` : '';
      throw new SnapshotError(
        'not-found',
        `artifact "${name}": no successful run${ofWorkflow}${branch ? ` on branch ${branch}` : ''} in ${repoName} has it (or it expired)${forks}; check name and branch, or give run-id`,
      );
    }
    const fork = isFork(found.run, repo);
    const whose = fork ? 'forks allowed' : 'from this repository';
    this.opts.log?.(`run-id latest: ${describeRun(found.run)}, artifact id ${found.artifact.id}: the newest successful run${ofWorkflow}${onBranch} with artifact "${name}" ${whose}`);
    if (fork) {
      const from = found.run.head_repository?.full_name ?? 'a deleted fork';
      this.opts.warn?.(`run-id latest: run ${found.runId} came from ${from}, not ${repoName} (allow-forks: true); whoever opened that pull request chose this database's contents`);
    }
    return found;
  }

  /** An explicit run id is the user's choice, but they should know when a fork's code made it. */
  private async checkNamedRun(runId: number, token: string): Promise<void> {
    const repo = this.opts.source?.repository ?? currentRepo();
    const repoName = `${repo.owner}/${repo.repo}`;
    let run: RestRun;
    try {
      run = await new RestClient(token).run(repo, runId);
    } catch (err) {
      // The listing that follows reports a missing run or a refused token in its own words.
      if (err instanceof RestError && [401, 403, 404].includes(err.status)) return;
      this.opts.warn?.(`run-id: could not read run ${runId} to check where its code came from (${oneLine(err)}); restoring it as asked`);
      return;
    }
    this.opts.log?.(`run-id: ${describeRun(run)}`);
    if (isFork(run, repo)) {
      const from = run.head_repository?.full_name ?? 'a deleted fork';
      this.opts.warn?.(`run-id: run ${runId} came from ${from}, not ${repoName}: a fork's pull request chose this database's contents; restore it only if you trust that pull request`);
    }
  }

  /** Downloads the artifact into a fresh temp directory and checks that it holds a snapshot. */
  async open(name: string, select: Selector = {}): Promise<Opened> {
    validateName(name);
    if (select.at) throw badInput('artifacts are chosen by run, not by time; use run-id');
    const s = this.opts.source ?? {};
    let runId: number | undefined = typeof s.runId === 'number' ? s.runId : undefined;
    let artifact: Artifact | undefined;
    if (s.runId === 'latest') {
      if (!s.token) throw badInput('github-token: is empty; run-id: latest needs a token with actions:read');
      const found = await this.findLatestRun(name, s.token);
      runId = found.runId;
      artifact = { name, id: found.artifact.id, size: found.artifact.size_in_bytes, ...(found.artifact.digest ? { digest: found.artifact.digest } : {}) };
    } else if (runId !== undefined && s.token) {
      await this.checkNamedRun(runId, s.token);
    }
    if (!artifact) {
      const findBy = await this.findBy(runId);
      const { artifacts } = await (await this.client()).listArtifacts({ latest: true, ...findBy }).catch((err: unknown) => {
        throw describeToolkitError(err, `listing the artifacts of ${runId === undefined ? 'this run' : `run ${runId} in ${repoText(findBy)}`}`);
      });
      artifact = artifacts
        .filter((a) => a.name === name && (select.generation === undefined || String(a.id) === select.generation))
        .sort((a, b) => b.id - a.id)[0];
      if (!artifact) {
        throw new SnapshotError(
          'not-found',
          `artifact "${name}" not found in ${runId === undefined ? 'this run' : `run ${runId}`}${s.repository ? ` of ${s.repository.owner}/${s.repository.repo}` : ''}; check name, run-id and that the snapshot step ran before this one`,
        );
      }
    }

    await fsp.mkdir(this.tempRoot, { recursive: true });
    const dir = await fsp.mkdtemp(path.join(this.tempRoot, 'sqlite-snapshot-download-'));
    try {
      const res = await (await this.client()).downloadArtifact(artifact.id, {
        path: dir,
        ...(artifact.digest ? { expectedHash: normalizeDigest(artifact.digest) } : {}),
        ...(await this.findBy(runId)),
      });
      if (res.digestMismatch) {
        throw corrupt(`artifact "${name}" (id ${artifact.id}): the download does not match the digest recorded at upload; retry the job`);
      }
      const label = `artifact "${name}" (id ${artifact.id})`;
      if (!(await fsp.stat(path.join(dir, MANIFEST_FILE)).catch(() => undefined))) {
        throw corrupt(`${label} holds no ${MANIFEST_FILE}, so it was not uploaded by sqlite-snapshot; ${FOREIGN_ADVICE}`);
      }
      await readManifest(dir).catch((err: unknown) => {
        throw inArtifact(err, dir, label, FOREIGN_ADVICE);
      });
    } catch (err) {
      await removeQuietly(dir);
      throw describeToolkitError(err, `downloading artifact "${name}" (id ${artifact.id})`);
    }
    return {
      name,
      generation: String(artifact.id),
      dir,
      close: async () => removeQuietly(dir),
    };
  }
}

const FOREIGN_ADVICE = 'check name: restore reads only artifacts that the sqlite-snapshot action uploaded';

/**
 * Engine messages name files in our download directory, which is gone by the time anyone reads
 * the log: they name the artifact instead.
 */
export function inArtifact(err: unknown, dir: string, label: string, advice?: string): unknown {
  if (!(err instanceof SnapshotError)) return err;
  const msg = err.message.split(`${dir}${path.sep}`).join('').split(dir).join(label);
  return new SnapshotError(err.kind, `${msg.includes(label) ? '' : `${label}: `}${msg}${advice ? `; ${advice}` : ''}`, { cause: err });
}

/**
 * The toolkit's text, without the paragraph it appends to network errors (we give our own advice
 * for those) and without a closing full stop before our "; advice".
 */
export function toolkitText(err: unknown): string {
  return oneLine(err)
    .replace(/Unable to make request: (\w+) If you are using self-hosted runners.*$/, 'the connection failed ($1); on a self-hosted runner, check that it can reach GitHub\'s artifact endpoints')
    .replace(/\.$/, '');
}

function nameTaken(name: string, id?: number | string): SnapshotError {
  return badInput(`name: an artifact named "${name}" already exists in this run${id ? ` (id ${id})` : ''}; set overwrite: true to replace it, or choose another name`);
}

function repoText(f: FindOptions): string {
  return f.findBy ? `${f.findBy.repositoryOwner}/${f.findBy.repositoryName}` : 'this repository';
}

/**
 * Errors from @actions/artifact (octokit's HttpError carries `status`) turned into advice: a bad
 * token and a missing run are the user's to fix, anything else is worth a retry.
 */
export function describeToolkitError(err: unknown, what: string): SnapshotError {
  if (err instanceof SnapshotError) return err;
  if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL|GITHUB_WORKSPACE/.test(oneLine(err))) {
    return new SnapshotError('failed', `${what}: ${oneLine(err)}; run this action as a step of a GitHub Actions job (uses: …), not as a plain script`, { cause: err });
  }
  const status = (err as { status?: unknown } | undefined)?.status;
  if (status === 401 || status === 403) {
    return new SnapshotError('bad-input', `github-token: GitHub refused it (${status} ${oneLine(err)}) while ${what}; give a token with actions:read on that repository`, { cause: err });
  }
  if (status === 404) {
    return new SnapshotError('not-found', `${what}: not found (404); check run-id and repository, and that github-token can read that repository`, { cause: err });
  }
  return new SnapshotError('failed', `${what}: ${toolkitText(err)}; retry the job`, { cause: err });
}

/** The toolkit compares `sha256:<hex>`; REST and Twirp both give that form, older uploads bare hex. */
export function normalizeDigest(d: string): string {
  return d.startsWith('sha256:') ? d : `sha256:${d}`;
}

/** The same URL upload-artifact reports: the artifact's page in the run's summary. */
export function artifactUrl(id: number): string {
  const server = (process.env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  return `${server}/${process.env['GITHUB_REPOSITORY'] ?? ''}/actions/runs/${process.env['GITHUB_RUN_ID'] ?? ''}/artifacts/${id}`;
}

/** Up to five run ids per reason: enough to find them on the Actions page. */
function logSkipped(skipped: LatestSkipped, workflow: string | undefined, log: (line: string) => void): void {
  const ids = (list: number[]): string => `${list.slice(0, 5).join(', ')}${list.length > 5 ? `, and ${list.length - 5} more` : ''}`;
  if (skipped.forks.length) {
    log(`run-id latest: skipped ${skipped.forks.length} run(s) from forks (${ids(skipped.forks)}): a fork's pull request can upload an artifact of any name from code its author wrote; set allow-forks: true only if you trust every fork`);
  }
  if (skipped.otherWorkflows.length) log(`run-id latest: skipped ${skipped.otherWorkflows.length} run(s) of other workflows than ${workflow} (${ids(skipped.otherWorkflows)})`);
  if (skipped.unsuccessful.length) log(`run-id latest: skipped ${skipped.unsuccessful.length} run(s) that did not succeed or are still running (${ids(skipped.unsuccessful)})`);
}
