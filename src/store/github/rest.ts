import { SnapshotError, type ErrorKind } from '../../engine/common/errors.ts';

/**
 * The few REST calls that @actions/artifact does not make for us: finding the newest successful
 * run that holds an artifact. Plain fetch keeps us off @actions/github (not a direct dependency).
 */
export interface Repo {
  owner: string;
  repo: string;
}

export interface RestArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
  digest?: string | null;
  workflow_run?: {
    id?: number;
    head_branch?: string | null;
    /** The repository the run belongs to, and the one its code came from: they differ for a fork's pull request. */
    repository_id?: number | null;
    head_repository_id?: number | null;
  } | null;
}

export interface RestRepository {
  id: number;
  full_name: string;
  fork?: boolean;
}

export interface RestRun {
  id: number;
  conclusion: string | null;
  status: string | null;
  head_branch: string | null;
  event?: string | null;
  /** The workflow file, `.github/workflows/nightly.yml` (sometimes with an `@ref` suffix). */
  path?: string | null;
  repository?: RestRepository | null;
  /** Where the run's code came from; null when that fork was deleted. */
  head_repository?: RestRepository | null;
}

/** A REST answer other than 2xx; the status lets a caller leave some answers to a later call. */
export class RestError extends SnapshotError {
  readonly status: number;
  constructor(status: number, kind: ErrorKind, message: string) {
    super(kind, message);
    this.status = status;
  }
}

export class RestClient {
  readonly base: string;
  private readonly token: string;
  constructor(token: string, base = process.env['GITHUB_API_URL'] || 'https://api.github.com') {
    this.token = token;
    this.base = base.replace(/\/+$/, '');
  }

  async get<T>(route: string): Promise<T> {
    const res = await this.fetchWithRetries(route);
    if (res.status === 401 || res.status === 403) {
      throw new RestError(res.status, 'failed', `GitHub API ${route.split('?')[0]}: ${res.status}; give github-token a token with actions:read on the repository`);
    }
    if (res.status === 404) {
      throw new RestError(404, 'not-found', `GitHub API ${route.split('?')[0]}: 404; check repository and run-id, and that github-token can read that repository`);
    }
    if (!res.ok) {
      throw new RestError(res.status, 'failed', `GitHub API ${route.split('?')[0]}: HTTP ${res.status}; retry the job, or check https://www.githubstatus.com`);
    }
    return (await res.json()) as T;
  }

  /**
   * GitHub's API answers the odd 502 or drops a connection; @actions/artifact's own REST calls
   * retry those (octokit's retry plugin), so the calls we make ourselves do too.
   */
  private async fetchWithRetries(route: string): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= REST_ATTEMPTS;
      try {
        const res = await fetch(`${this.base}${route}`, {
          headers: {
            Accept: 'application/vnd.github+json',
            Authorization: `Bearer ${this.token}`,
            'X-GitHub-Api-Version': '2022-11-28',
            'User-Agent': 'sqlite-snapshot',
          },
        });
        if (last || (res.status < 500 && res.status !== 429)) return res;
        await res.body?.cancel();
      } catch (err) {
        if (last) {
          // fetch says only "fetch failed"; the socket's error code is on its cause.
          const code = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;
          throw new SnapshotError('failed', `GitHub API ${route.split('?')[0]}: ${(err as Error).message}${code ? ` (${code})` : ''}; retry the job, and check that the runner can reach ${this.base}`, { cause: err });
        }
      }
      await new Promise((r) => setTimeout(r, REST_RETRY_MS * attempt));
    }
  }

  /** The newest artifacts of that name in the repository, newest first (one page). */
  async artifactsNamed(r: Repo, name: string): Promise<RestArtifact[]> {
    const data = await this.get<{ artifacts: RestArtifact[] }>(
      `/repos/${enc(r.owner)}/${enc(r.repo)}/actions/artifacts?name=${encodeURIComponent(name)}&per_page=100`,
    );
    return [...data.artifacts].sort((a, b) => b.id - a.id);
  }

  async run(r: Repo, runId: number): Promise<RestRun> {
    return this.get<RestRun>(`/repos/${enc(r.owner)}/${enc(r.repo)}/actions/runs/${runId}`);
  }
}

const enc = encodeURIComponent;

/** Tries per REST call, and the first wait between them (growing linearly): about 3 s in all. */
const REST_ATTEMPTS = 3;
const REST_RETRY_MS = 1000;

/** How many runs `latest` inspects before giving up: each costs one API call. */
export const LATEST_MAX_RUNS = 30;

export interface LatestQuery {
  name: string;
  /** Only runs on this branch (empty: any branch). */
  branch: string;
  /** Only runs of this workflow file (`nightly.yml`); empty: any workflow of the repository. */
  workflow?: string;
  /** Take runs whose code came from a fork, too. */
  allowForks?: boolean;
}

export interface LatestFound {
  runId: number;
  artifact: RestArtifact;
  run: RestRun;
}

/** Why `latest` passed over runs that had the artifact, for the log: run ids by reason. */
export interface LatestSkipped {
  forks: number[];
  otherWorkflows: number[];
  unsuccessful: number[];
}

/**
 * `run-id: latest`: the newest unexpired artifact of that name whose run is on `branch`, concluded
 * successfully, ran this repository's own code and, when asked, ran `workflow`. A run still in
 * progress (this one, say) does not count. A fork's pull request runs in this repository under
 * any branch name its author picks and can upload an artifact of any name (artifact poisoning,
 * GHSA-5xr6-xhww-33m4), so its runs are skipped unless `allowForks`.
 */
export async function findLatest(api: RestClient, r: Repo, q: LatestQuery): Promise<{ found?: LatestFound; skipped: LatestSkipped }> {
  const skipped: LatestSkipped = { forks: [], otherWorkflows: [], unsuccessful: [] };
  const verdicts = new Map<number, { run?: RestRun; ok: boolean }>();
  const skip = (list: number[], runId: number): void => {
    if (!list.includes(runId)) list.push(runId);
    verdicts.set(runId, { ok: false });
  };
  for (const a of await api.artifactsNamed(r, q.name)) {
    const wr = a.workflow_run;
    const runId = wr?.id;
    if (a.expired || a.name !== q.name || !runId) continue;
    if (q.branch && wr?.head_branch !== q.branch) continue;
    if (!verdicts.has(runId)) {
      // The listing already tells a fork's run apart (no call needed) when it carries both ids.
      if (!q.allowForks && wr?.repository_id && wr.head_repository_id !== undefined && wr.head_repository_id !== wr.repository_id) {
        skip(skipped.forks, runId);
        continue;
      }
      if (verdicts.size >= LATEST_MAX_RUNS) break;
      const run = await api.run(r, runId);
      if (run.status !== 'completed' || run.conclusion !== 'success') skip(skipped.unsuccessful, runId);
      else if (!q.allowForks && isFork(run, r)) skip(skipped.forks, runId);
      else if (q.workflow && workflowFile(run.path) !== workflowFile(q.workflow)) skip(skipped.otherWorkflows, runId);
      else verdicts.set(runId, { run, ok: true });
    }
    const v = verdicts.get(runId);
    if (v?.ok && v.run) return { found: { runId, artifact: a, run: v.run }, skipped };
  }
  return { skipped };
}

/**
 * A run whose code did not come from the repository itself. No head repository at all means the
 * fork was deleted: still a fork's code.
 */
export function isFork(run: RestRun, r: Repo): boolean {
  const head = run.head_repository;
  if (!head) return true;
  if (run.repository?.id !== undefined) return head.id !== run.repository.id;
  return head.full_name.toLowerCase() !== `${r.owner}/${r.repo}`.toLowerCase();
}

/** `nightly.yml` from `.github/workflows/nightly.yml@refs/heads/main`, for comparing workflow names. */
export function workflowFile(p: string | null | undefined): string {
  const noRef = (p ?? '').replace(/@.*$/, '');
  return noRef.slice(noRef.lastIndexOf('/') + 1);
}

/** One line on a run, for the log: which workflow, event, branch and code made it. */
export function describeRun(run: RestRun): string {
  const head = run.head_repository ? run.head_repository.full_name : 'a deleted fork';
  return `run ${run.id} (workflow ${workflowFile(run.path) || 'unknown'}, event ${run.event ?? 'unknown'}, branch ${run.head_branch ?? 'unknown'}, head repository ${head})`;
}
