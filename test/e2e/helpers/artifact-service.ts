import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { DEV_ACCOUNT, DEV_KEY, type Azurite } from './azurite.ts';
import { BlobSigner, closeServers, forwardToAzurite, readBody, serve, type DownloadFault } from './blob-host.ts';

/**
 * A small stand-in for GitHub's artifact backend that speaks the same wire protocol the toolkit
 * speaks: Twirp JSON for the runtime (`ACTIONS_RESULTS_URL`), the REST endpoints for cross-run
 * and cross-repository access (`GITHUB_API_URL`), and SAS URLs into a real Azurite blob store.
 * Nothing in @actions/artifact is replaced: the bundle talks to this over HTTP.
 */
export interface Run {
  /** The numeric run id of the REST API and GITHUB_RUN_ID. */
  id: number;
  backendId: string;
  repo: string;
  branch: string;
  status: 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | null;
  /** Where the run's code came from: `repo` itself, a fork (`mallory/app`), or null for a deleted fork. */
  headRepo: string | null;
  /** The workflow file under .github/workflows. */
  workflow: string;
  event: string;
}

export interface StoredArtifact {
  id: number;
  runBackendId: string;
  jobBackendId: string;
  name: string;
  blob: string;
  size: number;
  digest: string | undefined;
  createdAt: Date;
  finalized: boolean;
  expired: boolean;
  /** From CreateArtifact's expires_at: set only when retention-days was given. */
  expiresAt: Date | undefined;
}

/**
 * Faults to inject, each consumed by one request, in order. Twirp faults answer a method with an
 * HTTP status (or drop the connection) instead of handling it; blob faults act in the proxy that
 * stands between the toolkit and Azurite, as a flaky network or storage front end would.
 */
export interface Faults {
  /**
   * `lost`: the call is carried out, but the connection drops before the answer is sent.
   * `quota`: the answer GitHub gives when the account's artifact storage is used up.
   */
  twirp: Record<string, (number | 'drop' | 'lost' | 'quota')[]>;
  /**
   * Uploads of blob data, a Put Block (PUT …?comp=block) or a whole Put Blob (a PUT with no comp):
   * `drop`: the connection is dropped after the first bytes arrive; a status: the storage front
   * end answers it with Azure's error body (503 ServerBusy, 500 InternalError) and stores nothing.
   */
  upload: ('drop' | 500 | 503)[];
  /**
   * Blob downloads (see DownloadFault).
   */
  download: DownloadFault[];
  /** REST requests whose path matches: answered with the status (or dropped), first match first. */
  rest: { path: RegExp; fault: number | 'drop' }[];
}

const CONTAINER = 'actions-results';
const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/';

export class ArtifactService {
  readonly runs = new Map<number, Run>();
  readonly artifacts: StoredArtifact[] = [];
  /** Every request, for assertions on what the toolkit actually called. */
  readonly calls: string[] = [];
  /** Every Twirp request's method and JSON body, as sent: what a client put on the wire. */
  readonly twirpBodies: { method: string; body: Record<string, unknown> }[] = [];
  /** The REST token the fake API accepts (the runner's github.token). */
  readonly apiToken = `ghs_${randomUUID().replace(/-/g, '')}`;
  private nextId = 1000;
  private nextRun = 9_000_000_001;
  private server!: http.Server;
  private proxy!: http.Server;
  url = '';
  /** Where SAS URLs point: a pass-through proxy to Azurite that can inject blob faults. */
  blobUrl = '';
  readonly faults: Faults = { twirp: {}, upload: [], download: [], rest: [] };
  /** Twirp methods whose next call waits at the service until the test lets it go (hold). */
  private readonly holds: { method: string; gate: Promise<void>; onArrival: () => void }[] = [];
  /** Answer artifact listings without workflow_run's repository ids, so only the run itself tells a fork. */
  listingWithoutRepoIds = false;
  private readonly signer = new BlobSigner();
  /** Every SAS signature handed out, raw and URL-encoded: none may reach a log. */
  get signatures(): string[] {
    return this.signer.signatures;
  }
  private readonly cred = new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY);
  private readonly azurite: Azurite;

  constructor(azurite: Azurite) {
    this.azurite = azurite;
  }

  async start(): Promise<void> {
    const svc = new BlobServiceClient(this.azurite.accountUrl, this.cred);
    await svc.getContainerClient(CONTAINER).createIfNotExists();
    ({ server: this.server, url: this.url } = await serve((req, res) => this.handle(req, res)));
    const proxy = await serve((req, res) => this.forward(req, res));
    this.proxy = proxy.server;
    this.blobUrl = `${proxy.url}/${DEV_ACCOUNT}`;
  }

  async stop(): Promise<void> {
    await closeServers(this.server, this.proxy);
  }

  /** Uploads bytes as a finalized artifact of `run`, as some other tool or action could have. */
  async putArtifact(run: Run, name: string, bytes: Buffer, contentType = 'application/zip'): Promise<StoredArtifact> {
    // The toolkit unzips when the URL ends in .zip, whatever the content type says.
    const blob = `${run.backendId}/${randomUUID()}/${name}${contentType.includes('zip') ? '.zip' : ''}`;
    const svc = new BlobServiceClient(this.azurite.accountUrl, this.cred);
    await svc.getContainerClient(CONTAINER).getBlockBlobClient(blob).upload(bytes, bytes.length, { blobHTTPHeaders: { blobContentType: contentType } });
    const a: StoredArtifact = {
      id: this.nextId++,
      runBackendId: run.backendId,
      jobBackendId: randomUUID(),
      name,
      blob,
      size: bytes.length,
      digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      createdAt: new Date(),
      finalized: true,
      expired: false,
      expiresAt: undefined,
    };
    this.artifacts.push(a);
    return a;
  }

  /** The blob proxy: passes requests to Azurite unchanged unless a fault is queued for them. */
  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const query = new URL(req.url ?? '/', 'http://blob').searchParams;
    const isDataUpload = req.method === 'PUT' && (query.get('comp') === 'block' || !query.has('comp'));
    const uploadFault = isDataUpload ? this.faults.upload.shift() : undefined;
    if (uploadFault === 'drop') {
      this.calls.push(`fault: upload dropped ${req.method} blob`);
      req.once('data', () => req.socket.destroy());
      return;
    }
    if (uploadFault !== undefined) {
      this.calls.push(`fault: upload answered ${uploadFault}`);
      const code = uploadFault === 503 ? 'ServerBusy' : 'InternalError';
      req.resume();
      req.on('end', () => {
        res.writeHead(uploadFault, { 'content-type': 'application/xml', 'x-ms-error-code': code });
        res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>injected fault</Message></Error>`);
      });
      return;
    }
    const fault = req.method === 'GET' ? this.faults.download.shift() : undefined;
    forwardToAzurite(this.azurite, req, res, req.url ?? '/', fault, (f, bytes) => this.calls.push(`fault: download ${f} (${bytes} bytes)`));
  }

  /** The artifact's bytes as stored in Azurite. */
  async blobBytes(a: StoredArtifact): Promise<Buffer> {
    const svc = new BlobServiceClient(this.azurite.accountUrl, this.cred);
    return svc.getContainerClient(CONTAINER).getBlobClient(a.blob).downloadToBuffer();
  }

  /** Holds the next call of a Twirp method before it is answered: `arrived` once it has come, `release` lets it be answered. */
  hold(method: string): { arrived: Promise<void>; release: () => void } {
    let arrived = (): void => undefined;
    let release = (): void => undefined;
    const h = { arrived: new Promise<void>((r) => (arrived = r)), gate: new Promise<void>((r) => (release = r)) };
    this.holds.push({ method, gate: h.gate, onArrival: arrived });
    return { arrived: h.arrived, release };
  }

  newRun(opts: Partial<Omit<Run, 'id' | 'backendId'>> = {}): Run {
    const repo = opts.repo ?? 'octo/app';
    const run: Run = { id: this.nextRun++, backendId: randomUUID(), repo, branch: 'main', status: 'in_progress', conclusion: null, headRepo: repo, workflow: 'ci.yml', event: 'push', ...opts };
    this.runs.set(run.id, run);
    return run;
  }

  finish(run: Run, conclusion: 'success' | 'failure' = 'success'): void {
    run.status = 'completed';
    run.conclusion = conclusion;
  }

  private sas(blob: string, perms: string): string {
    return this.signer.url(this.blobUrl, CONTAINER, blob, perms);
  }

  private runByBackend(id: string): Run | undefined {
    return [...this.runs.values()].find((r) => r.backendId === id);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    this.calls.push(`${req.method} ${url.pathname}`);
    if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
      const method = url.pathname.slice(TWIRP.length);
      this.twirpBodies.push({ method, body: JSON.parse(body || '{}') as Record<string, unknown> });
      const held = this.holds.findIndex((h) => h.method === method);
      if (held >= 0) {
        const [h] = this.holds.splice(held, 1);
        h?.onArrival();
        await h?.gate;
      }
      const fault = this.faults.twirp[method]?.shift();
      if (fault === 'drop') {
        this.calls.push(`fault: ${method} dropped`);
        req.socket.destroy();
        return;
      }
      if (fault === 'lost') {
        this.calls.push(`fault: ${method} answer lost`);
        return this.twirp(method, JSON.parse(body || '{}') as Record<string, unknown>, () => req.socket.destroy());
      }
      if (fault === 'quota') {
        this.calls.push(`fault: ${method} quota`);
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'resource_exhausted', msg: 'insufficient usage to create artifact' }));
        return;
      }
      if (fault !== undefined) {
        this.calls.push(`fault: ${method} ${fault}`);
        res.writeHead(fault, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'unavailable', msg: 'injected fault' }));
        return;
      }
    }
    const json = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    if (req.method === 'POST' && url.pathname.startsWith(TWIRP)) {
      if (!/^Bearer .+/.test(req.headers.authorization ?? '')) return json(401, { code: 'unauthenticated', msg: 'no token' });
      return this.twirp(url.pathname.slice(TWIRP.length), JSON.parse(body || '{}') as Record<string, unknown>, json);
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${this.apiToken}` && auth !== `token ${this.apiToken}`) return json(401, { message: 'Bad credentials' });
    const i = this.faults.rest.findIndex((f) => f.path.test(url.pathname));
    if (i >= 0) {
      const fault = this.faults.rest.splice(i, 1)[0]?.fault;
      this.calls.push(`fault: REST ${url.pathname} ${fault}`);
      if (fault === 'drop') return void req.socket.destroy();
      return json(fault ?? 500, { message: 'injected fault' });
    }
    return this.rest(req.method ?? 'GET', url, json, res);
  }

  private twirp(method: string, b: Record<string, unknown>, json: (s: number, d: unknown) => void): void {
    const runId = String(b['workflow_run_backend_id'] ?? '');
    const jobId = String(b['workflow_job_run_backend_id'] ?? '');
    const name = b['name'] as string | undefined;
    const inRun = this.artifacts.filter((a) => a.runBackendId === runId);
    switch (method) {
      case 'CreateArtifact': {
        if (inRun.some((a) => a.name === name)) {
          return json(409, { code: 'already_exists', msg: `an artifact with this name already exists on the workflow run` });
        }
        const blob = `${runId}/${jobId}/${name}.zip`;
        this.artifacts.push({ id: this.nextId++, runBackendId: runId, jobBackendId: jobId, name: name as string, blob, size: 0, digest: undefined, createdAt: new Date(), finalized: false, expired: false, expiresAt: b['expires_at'] ? new Date(b['expires_at'] as string) : undefined });
        return json(200, { ok: true, signed_upload_url: this.sas(blob, 'racw') });
      }
      case 'FinalizeArtifact': {
        const a = inRun.find((x) => x.name === name && !x.finalized);
        if (!a) return json(404, { code: 'not_found', msg: 'artifact not found' });
        a.finalized = true;
        a.size = Number(b['size'] ?? 0);
        a.digest = b['hash'] as string | undefined;
        return json(200, { ok: true, artifact_id: String(a.id) });
      }
      case 'ListArtifacts': {
        const nameFilter = b['name_filter'] as string | undefined;
        const idFilter = b['id_filter'] as string | undefined;
        const list = inRun.filter((a) => a.finalized && (!nameFilter || a.name === nameFilter) && (!idFilter || String(a.id) === String(idFilter)));
        return json(200, {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.runBackendId,
            workflow_job_run_backend_id: a.jobBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size),
            created_at: a.createdAt.toISOString(),
            ...(a.digest ? { digest: a.digest } : {}),
          })),
        });
      }
      case 'GetSignedArtifactURL': {
        const a = inRun.find((x) => x.name === name && x.finalized);
        if (!a) return json(404, { code: 'not_found', msg: 'artifact not found' });
        return json(200, { signed_url: this.sas(a.blob, 'r') });
      }
      case 'DeleteArtifact': {
        const i = this.artifacts.findIndex((x) => x.runBackendId === runId && x.name === name && x.finalized);
        if (i < 0) return json(404, { code: 'not_found', msg: 'artifact not found' });
        const [a] = this.artifacts.splice(i, 1);
        return json(200, { ok: true, artifact_id: String(a?.id) });
      }
      default:
        return json(404, { code: 'bad_route', msg: `no method ${method}` });
    }
  }

  private restArtifact(a: StoredArtifact): unknown {
    const run = this.runByBackend(a.runBackendId);
    return {
      id: a.id,
      name: a.name,
      size_in_bytes: a.size,
      expired: a.expired,
      created_at: a.createdAt.toISOString(),
      digest: a.digest ?? null,
      workflow_run: !run
        ? null
        : this.listingWithoutRepoIds
          ? { id: run.id, head_branch: run.branch }
          : { id: run.id, head_branch: run.branch, repository_id: repoId(run.repo), head_repository_id: run.headRepo === null ? null : repoId(run.headRepo) },
    };
  }

  /** A run as GET /repos/{o}/{r}/actions/runs/{id} answers it (the fields the clients read). */
  private restRun(run: Run): unknown {
    const repository = (full: string): unknown => ({ id: repoId(full), full_name: full, fork: full !== run.repo });
    return {
      id: run.id,
      status: run.status,
      conclusion: run.conclusion,
      head_branch: run.branch,
      event: run.event,
      name: run.workflow.replace(/\.ya?ml$/, ''),
      path: `.github/workflows/${run.workflow}`,
      repository: repository(run.repo),
      head_repository: run.headRepo === null ? null : repository(run.headRepo),
    };
  }

  private rest(method: string, url: URL, json: (s: number, d: unknown, h?: Record<string, string>) => void, res: http.ServerResponse): void {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/(.*)$/.exec(url.pathname);
    if (!m) return json(404, { message: 'Not Found' });
    const repo = `${decodeURIComponent(m[1] as string)}/${decodeURIComponent(m[2] as string)}`;
    const rest = m[3] as string;
    const inRepo = this.artifacts.filter((a) => a.finalized && this.runByBackend(a.runBackendId)?.repo === repo);
    let mm: RegExpExecArray | null;
    if (method === 'GET' && (mm = /^runs\/(\d+)\/artifacts$/.exec(rest))) {
      const run = this.runs.get(Number(mm[1]));
      if (!run || run.repo !== repo) return json(404, { message: 'Not Found' });
      const name = url.searchParams.get('name');
      const list = inRepo.filter((a) => a.runBackendId === run.backendId && (!name || a.name === name));
      return json(200, { total_count: list.length, artifacts: list.map((a) => this.restArtifact(a)) });
    }
    if (method === 'GET' && (mm = /^runs\/(\d+)$/.exec(rest))) {
      const run = this.runs.get(Number(mm[1]));
      if (!run || run.repo !== repo) return json(404, { message: 'Not Found' });
      return json(200, this.restRun(run));
    }
    if (method === 'GET' && rest === 'artifacts') {
      const name = url.searchParams.get('name');
      const list = inRepo.filter((a) => !name || a.name === name).sort((a, b) => b.id - a.id);
      return json(200, { total_count: list.length, artifacts: list.map((a) => this.restArtifact(a)) });
    }
    if (method === 'GET' && (mm = /^artifacts\/(\d+)\/zip$/.exec(rest))) {
      const a = inRepo.find((x) => x.id === Number(mm?.[1]));
      if (!a) return json(404, { message: 'Not Found' });
      if (a.expired) return json(410, { message: 'Artifact has expired' });
      res.writeHead(302, { location: this.sas(a.blob, 'r') });
      res.end();
      return;
    }
    if (method === 'DELETE' && (mm = /^artifacts\/(\d+)$/.exec(rest))) {
      const i = this.artifacts.findIndex((x) => x.id === Number(mm?.[1]));
      if (i < 0) return json(404, { message: 'Not Found' });
      this.artifacts.splice(i, 1);
      res.writeHead(204);
      res.end();
      return;
    }
    return json(404, { message: 'Not Found' });
  }
}

/** GitHub's numeric repository ids, stable per name for the emulator's lifetime. */
const repoIds = new Map<string, number>();
function repoId(fullName: string): number {
  let id = repoIds.get(fullName);
  if (id === undefined) repoIds.set(fullName, (id = 700_000 + repoIds.size));
  return id;
}
