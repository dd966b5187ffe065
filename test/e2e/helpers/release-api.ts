import type http from 'node:http';
import type { Access, Caller } from './release-access.ts';
import type { DownloadFault } from './release-faults.ts';
import { sanitiseAssetName, type AssetRecord, type MakeLatest, type ReleaseBook, type ReleaseRecord, type ReleaseServiceOptions, type RepoRecord } from './release-model.ts';
import { sendBytes, type AssetFiles, type StoredBytes } from './release-transfer.ts';
import { errorBody, NEEDS_AUTH, NOT_ACCESSIBLE, NOT_FOUND, paginate, sendJson, validationFailed, type Pacer } from './release-wire.ts';

/**
 * The REST routes of the Releases emulator under /repos/{owner}/{repo}: the repository, releases
 * (list, by tag, latest, by id, create, edit, delete) and assets (list, get, bytes, edit, delete).
 * Uploads are not here: GitHub takes them on another host (release-service.ts).
 */

/** What the routes need of the service. */
export interface ApiContext {
  book: ReleaseBook;
  access: Access;
  files: AssetFiles;
  opts: ReleaseServiceOptions;
  /** The signed storage URL the API's 302 for an asset's bytes points at. */
  storageUrl(repo: RepoRecord, asset: AssetRecord): string;
  stored(asset: AssetRecord): StoredBytes;
  /** The pace of downloads (`downloads: 'direct'` sends bytes from here). */
  downLink: Pacer;
  downloadFault(assetName: string): DownloadFault | undefined;
}

/** GitHub's JSON-schema answer to a parameter of the wrong type, e.g. make_latest sent as a boolean. */
const schemaError = (field: string, value: unknown, expected: string): Record<string, unknown> =>
  errorBody(422, `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(value)} is not ${expected}.`);

/** The first parameter of a create or edit body with the wrong type, as GitHub's schema refuses it. */
function badField(b: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const f of ['draft', 'prerelease']) if (f in b && typeof b[f] !== 'boolean') return schemaError(f, b[f], 'a boolean');
  for (const f of ['tag_name', 'target_commitish']) if (f in b && typeof b[f] !== 'string') return schemaError(f, b[f], 'a string');
  for (const f of ['name', 'body']) if (f in b && b[f] !== null && typeof b[f] !== 'string') return schemaError(f, b[f], 'a string or null');
  if ('make_latest' in b && !['true', 'false', 'legacy'].includes(b['make_latest'] as string)) return schemaError('make_latest', b['make_latest'], 'one of ["true", "false", "legacy"]');
  return undefined;
}

/** A request body that is not JSON: answered 400 by the routes that take a body. */
export const BAD_JSON = Symbol('bad JSON');

/** A request under one repository, from one caller. */
export class RepoCall {
  private readonly ctx: ApiContext;
  private readonly repo: RepoRecord;
  private readonly caller: Caller;
  private readonly method: string;
  private readonly url: URL;
  private readonly raw: unknown;
  private readonly req: http.IncomingMessage;
  private readonly res: http.ServerResponse;
  /** The answer is to be lost: the call is carried out, then the connection drops unanswered. */
  private readonly lost: boolean;

  constructor(ctx: ApiContext, c: { repo: RepoRecord; caller: Caller; method: string; url: URL; body: unknown; req: http.IncomingMessage; res: http.ServerResponse; lost: boolean }) {
    this.ctx = ctx;
    this.repo = c.repo;
    this.caller = c.caller;
    this.method = c.method;
    this.url = c.url;
    this.raw = c.body;
    this.req = c.req;
    this.res = c.res;
    this.lost = c.lost;
  }

  async dispatch(rest: string): Promise<void> {
    const need = this.method === 'GET' || this.method === 'HEAD' ? 'read' : 'write';
    const refused = this.ctx.access.refusal(this.repo, this.caller, need);
    if (refused) return this.json(refused.status, refused.body);
    const route = (method: string, re: RegExp): RegExpExecArray | undefined => (this.method === method ? (re.exec(rest) ?? undefined) : undefined);
    let m: RegExpExecArray | undefined;
    if (route('GET', /^$/)) return this.getRepo();
    // Reading the setting takes admin rights, which no workflow token has.
    if (route('GET', /^immutable-releases$/)) return this.caller.kind === 'token' ? this.json(403, NOT_ACCESSIBLE) : this.json(401, NEEDS_AUTH);
    if (route('GET', /^releases$/)) return this.list();
    if (route('POST', /^releases$/)) return this.create();
    if (route('GET', /^releases\/latest$/)) return this.answerRelease(this.ctx.book.latest(this.repo, Date.now()));
    if ((m = route('GET', /^releases\/tags\/(.+)$/))) return this.answerRelease(this.ctx.book.byTag(this.repo, decodeURIComponent(m[1] as string), Date.now()));
    if ((m = route('GET', /^releases\/assets\/(\d+)$/))) return this.getAsset(Number(m[1]));
    if ((m = route('PATCH', /^releases\/assets\/(\d+)$/))) return this.editAsset(Number(m[1]));
    if ((m = route('DELETE', /^releases\/assets\/(\d+)$/))) return this.deleteAsset(Number(m[1]));
    if ((m = route('GET', /^releases\/(\d+)$/))) return this.answerRelease(this.visible(Number(m[1])));
    if ((m = route('PATCH', /^releases\/(\d+)$/))) return this.edit(Number(m[1]));
    if ((m = route('DELETE', /^releases\/(\d+)$/))) return this.deleteRelease(Number(m[1]));
    if ((m = route('GET', /^releases\/(\d+)\/assets$/))) return this.listAssets(Number(m[1]));
    // POST …/releases/{id}/assets included: uploads go to upload_url's host, not here.
    return this.json(404, NOT_FOUND);
  }

  private json(status: number, data: unknown, headers: http.OutgoingHttpHeaders = {}): void {
    if (this.lost) return void this.req.socket.destroy();
    sendJson(this.res, status, data, headers);
  }

  private empty(status: number, headers: http.OutgoingHttpHeaders = {}): void {
    if (this.lost) return void this.req.socket.destroy();
    this.res.writeHead(status, { 'content-length': 0, ...headers });
    this.res.end();
  }

  /** The JSON object the request carried ({} for none), or undefined after answering 400. */
  private body(): Record<string, unknown> | undefined {
    if (this.raw === undefined) return {};
    if (this.raw !== BAD_JSON && typeof this.raw === 'object' && this.raw !== null && !Array.isArray(this.raw)) return this.raw as Record<string, unknown>;
    this.json(400, errorBody(400, 'Problems parsing JSON'));
    return undefined;
  }

  private get writer(): boolean {
    return this.ctx.access.of(this.repo, this.caller) === 'write';
  }

  /** A release by id, if this caller may see it: drafts only with write access. */
  private visible(id: number): ReleaseRecord | undefined {
    const rel = this.ctx.book.release(this.repo, id);
    return rel && (!rel.draft || this.writer) ? rel : undefined;
  }

  private answerRelease(rel: ReleaseRecord | undefined): void {
    if (!rel) return this.json(404, NOT_FOUND);
    this.json(200, this.ctx.book.releaseJson(this.repo, rel));
  }

  private getRepo(): void {
    const r = this.repo;
    const perm = this.caller.kind === 'token' ? this.ctx.access.of(r, this.caller) : 'none';
    this.json(200, {
      id: r.id,
      node_id: Buffer.from(`Repository:${r.id}`).toString('base64url'),
      name: r.name,
      full_name: r.fullName,
      owner: { login: r.owner, type: 'Organization' },
      private: r.private,
      visibility: r.private ? 'private' : 'public',
      html_url: `https://github.com/${r.fullName}`,
      url: `${this.url.origin}/repos/${r.fullName}`,
      fork: false,
      archived: false,
      default_branch: 'main',
      // Authenticated callers see their own permissions.
      ...(perm === 'none' ? {} : { permissions: { admin: false, maintain: false, push: perm === 'write', triage: perm === 'write', pull: true } }),
    });
  }

  private list(): void {
    const { page, link } = paginate(this.ctx.book.listed(this.repo, this.writer, Date.now()), this.url);
    this.json(
      200,
      page.map((r) => this.ctx.book.releaseJson(this.repo, r)),
      link ? { link } : {},
    );
  }

  private create(): void {
    const b = this.body();
    if (!b) return;
    const bad = badField(b);
    if (bad) return this.json(422, bad);
    const tag = b['tag_name'] as string | undefined;
    if (!tag) return this.json(422, validationFailed('Release', { code: 'missing_field', field: 'tag_name' }));
    const refusal = this.ctx.book.tagRefusal(this.repo, tag);
    if (refusal) return this.json(422, validationFailed('Release', { ...refusal, field: 'tag_name' }));
    const rel = this.ctx.book.create(
      this.repo,
      {
        tag,
        ...('target_commitish' in b ? { target: b['target_commitish'] as string } : {}),
        name: (b['name'] as string | null | undefined) ?? null,
        body: (b['body'] as string | null | undefined) ?? null,
        draft: b['draft'] === true,
        prerelease: b['prerelease'] === true,
        makeLatest: (b['make_latest'] as MakeLatest | undefined) ?? 'true',
      },
      this.ctx.opts.listLagMs ?? 0,
    );
    const json = this.ctx.book.releaseJson(this.repo, rel);
    this.json(201, json, { location: json.url });
  }

  /**
   * Edits, publishing a draft (draft: false) or unpublishing. Publishing takes make_latest from
   * this request only, "true" when absent. An immutable release keeps its tag, target, kind and
   * published state; its title, notes and Latest status stay editable.
   */
  private edit(id: number): void {
    const rel = this.visible(id);
    if (!rel) return this.json(404, NOT_FOUND);
    const b = this.body();
    if (!b) return;
    const bad = badField(b);
    if (bad) return this.json(422, bad);
    if (rel.immutable) {
      const now: Record<string, unknown> = { tag_name: rel.tag, target_commitish: rel.target, prerelease: rel.prerelease, draft: rel.draft };
      const frozen = Object.keys(now).find((f) => f in b && b[f] !== now[f]);
      // The wording is the emulator's own: GitHub's facts give only that these are frozen.
      if (frozen) return this.json(422, errorBody(422, `Cannot change ${frozen} of an immutable release.`));
    }
    const tag = (b['tag_name'] as string | undefined) ?? rel.tag;
    const publishing = rel.draft && b['draft'] === false;
    if (publishing || (!rel.draft && b['draft'] !== true && tag !== rel.tag)) {
      const refusal = this.ctx.book.tagRefusal(this.repo, tag, rel);
      if (refusal) return this.json(422, validationFailed('Release', { ...refusal, field: 'tag_name' }));
    }
    rel.tag = tag;
    if ('target_commitish' in b) rel.target = b['target_commitish'] as string;
    if ('name' in b) rel.name = b['name'] as string | null;
    if ('body' in b) rel.body = b['body'] as string | null;
    if ('prerelease' in b) rel.prerelease = b['prerelease'] as boolean;
    rel.updatedAt = new Date();
    const makeLatest = b['make_latest'] as MakeLatest | undefined;
    if (publishing) this.ctx.book.publish(this.repo, rel, makeLatest ?? 'true', this.ctx.opts.listLagMs ?? 0);
    else if (!rel.draft && b['draft'] === true) this.ctx.book.unpublish(this.repo, rel);
    else if (makeLatest) this.ctx.book.applyMakeLatest(this.repo, rel, makeLatest);
    this.json(200, this.ctx.book.releaseJson(this.repo, rel));
  }

  private deleteRelease(id: number): void {
    const rel = this.visible(id);
    if (!rel) return this.json(404, NOT_FOUND);
    for (const a of this.ctx.book.deleteRelease(this.repo, rel)) this.ctx.files.remove(a.key);
    this.empty(204);
  }

  private listAssets(id: number): void {
    const rel = this.visible(id);
    if (!rel) return this.json(404, NOT_FOUND);
    const { page, link } = paginate(rel.assets, this.url);
    this.json(
      200,
      page.map((a) => this.ctx.book.assetJson(this.repo, rel, a)),
      link ? { link } : {},
    );
  }

  /** An asset the caller may see (drafts' assets only with write access). */
  private findAsset(id: number): { rel: ReleaseRecord; asset: AssetRecord } | undefined {
    const found = this.ctx.book.asset(this.repo, id);
    return found && (!found.rel.draft || this.writer) ? found : undefined;
  }

  /** JSON, or with `Accept: application/octet-stream` the bytes: a 302 to signed storage, or 200 with `downloads: 'direct'`. */
  private async getAsset(id: number): Promise<void> {
    const found = this.findAsset(id);
    if (!found) return this.json(404, NOT_FOUND);
    const { rel, asset } = found;
    if (!(this.req.headers.accept ?? '').toLowerCase().includes('application/octet-stream')) return this.json(200, this.ctx.book.assetJson(this.repo, rel, asset));
    if (asset.state !== 'uploaded') return this.json(404, NOT_FOUND);
    asset.downloads++;
    if (this.ctx.opts.downloads !== 'direct') return this.empty(302, { location: this.ctx.storageUrl(this.repo, asset) });
    await sendBytes(this.req, this.res, this.ctx.stored(asset), this.ctx.downLink, this.ctx.downloadFault(asset.name));
  }

  /** Renaming (sanitised, as on upload) or relabelling; an immutable release's assets are frozen. */
  private editAsset(id: number): void {
    const found = this.findAsset(id);
    if (!found) return this.json(404, NOT_FOUND);
    const { rel, asset } = found;
    if (rel.immutable) return this.json(422, errorBody(422, 'Cannot update assets of an immutable release.'));
    const b = this.body();
    if (!b) return;
    const name = b['name'];
    if (typeof name === 'string') {
      const clean = sanitiseAssetName(name);
      if (rel.assets.some((a) => a !== asset && a.name === clean)) return this.json(422, validationFailed('ReleaseAsset', { code: 'already_exists', field: 'name' }));
      asset.name = clean;
    }
    if (typeof b['label'] === 'string') asset.label = b['label'];
    asset.updatedAt = new Date();
    this.json(200, this.ctx.book.assetJson(this.repo, rel, asset));
  }

  private deleteAsset(id: number): void {
    const found = this.findAsset(id);
    if (!found) return this.json(404, NOT_FOUND);
    if (found.rel.immutable) return this.json(422, errorBody(422, 'Cannot delete assets from an immutable release.'));
    this.ctx.book.deleteAsset(found.rel, found.asset);
    this.ctx.files.remove(found.asset.key);
    this.empty(204);
  }
}
