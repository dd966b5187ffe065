import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { ArtifactUploader, type ZipSource } from '../../src/store/github/artifact-upload/upload.ts';
import { ArtifactService, type StoredArtifact } from '../e2e/helpers/artifact-service.ts';
import { DEV_ACCOUNT, DEV_KEY, startAzurite, type Azurite } from '../e2e/helpers/azurite.ts';
import { type Job, newJob, removeJob } from '../e2e/helpers/runner.ts';
import { zipEntries } from '../e2e/zip.ts';

/**
 * Our artifact upload (store/github/artifact-upload) against the artifact service emulator over a
 * real Azurite, checked against @actions/artifact itself: the toolkit's download (what the
 * restore step uses) reads what we upload, and the toolkit's upload puts the same Twirp fields on
 * the wire as ours.
 */
let azurite: Azurite;
let svc: ArtifactService;
const jobs: Job[] = [];
const CLIENT = path.join(import.meta.dirname, '../e2e/helpers/artifact-client.ts');

before(async () => {
  azurite = await startAzurite();
  svc = new ArtifactService(azurite);
  await svc.start();
});
after(async () => {
  await svc?.stop();
  await azurite?.stop();
  for (const j of jobs) await removeJob(j);
});

/** A job of a new run, whose runtime token our uploader reads from the environment (as a step does). */
async function job(): Promise<Job> {
  const j = await newJob(svc.newRun());
  jobs.push(j);
  process.env['ACTIONS_RUNTIME_TOKEN'] = j.runtimeToken;
  process.env['ACTIONS_RESULTS_URL'] = `${svc.url}/`;
  return j;
}

/** The staged files of a snapshot: a manifest, a compressed file (stored) and a raw database (deflated). */
function staged(j: Job, dataBytes: number): { files: ZipSource[]; bytes: Record<string, Buffer> } {
  const dir = path.join(j.temp, 'stage');
  mkdirSync(dir);
  const bytes: Record<string, Buffer> = {
    'manifest.json': Buffer.from(JSON.stringify({ version: 1 })),
    'app.db.zst': randomBytes(dataBytes),
    'raw.db': Buffer.from('SQLite format 3\0'.repeat(40_000)),
  };
  for (const [f, b] of Object.entries(bytes)) writeFileSync(path.join(dir, f), b);
  const files = Object.keys(bytes).map((name) => ({ name, path: path.join(dir, name), level: name === 'raw.db' ? 6 : 0 }));
  return { files, bytes };
}

/** Runs @actions/artifact (test/e2e/helpers/artifact-client.ts) as its own process in job `j`. */
async function toolkit(j: Job, call: Record<string, unknown>): Promise<string> {
  const env = { PATH: process.env['PATH'] ?? '', ACTIONS_RUNTIME_TOKEN: j.runtimeToken, ACTIONS_RESULTS_URL: `${svc.url}/`, GITHUB_WORKSPACE: j.workspace, GITHUB_SERVER_URL: 'https://github.com', RUNNER_TEMP: j.temp };
  const { stdout } = await promisify(execFile)(process.execPath, [CLIENT, JSON.stringify(call)], { env, cwd: j.workspace });
  return stdout;
}

/** What the toolkit's download extracts from artifact `name` into a fresh directory. */
async function downloaded(j: Job, name: string): Promise<Record<string, Buffer>> {
  const out = path.join(j.temp, `download-${name}`);
  await toolkit(j, { op: 'download', name, path: out });
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f))]));
}

function stored(name: string): StoredArtifact {
  const a = svc.artifacts.find((x) => x.name === name);
  assert.ok(a, `artifact ${name} exists`);
  return a;
}

async function blobProps(a: StoredArtifact): Promise<{ contentType: string | undefined; committedBlocks: number }> {
  const blob = new BlobServiceClient(azurite.accountUrl, new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY)).getContainerClient('actions-results').getBlockBlobClient(a.blob);
  const props = await blob.getProperties();
  const list = await blob.getBlockList('committed');
  return { contentType: props.contentType, committedBlocks: list.committedBlocks?.length ?? 0 };
}

describe('artifact upload without the toolkit (emulated service, real Azurite)', () => {
  test('a zip within one block: one Put Blob, finalized with its size and sha256; the toolkit downloads it whole', async () => {
    const j = await job();
    const { files, bytes } = staged(j, 300_000);
    const up = await new ArtifactUploader().upload('small', files);
    const a = stored('small');
    assert.equal(up.id, a.id);
    assert.equal(a.finalized, true);
    const blob = await svc.blobBytes(a);
    assert.equal(up.size, blob.length);
    assert.equal(a.size, blob.length, 'FinalizeArtifact carried the zip size');
    assert.equal(a.digest, `sha256:${createHash('sha256').update(blob).digest('hex')}`, 'and its sha256');
    assert.equal(`sha256:${up.digest}`, a.digest);
    assert.deepEqual(await blobProps(a), { contentType: 'application/zip', committedBlocks: 0 }, 'a single Put Blob of a zip (no blocks)');
    assert.deepEqual(
      zipEntries(blob).map((e) => [e.name, e.method]),
      [['manifest.json', 0], ['app.db.zst', 0], ['raw.db', 8]],
    );
    assert.deepEqual(await downloaded(j, 'small'), bytes);
  });

  test('a zip of many blocks, zip64 forced, a block dropped and one answered 503: sent again, committed in order, downloaded whole', async () => {
    const j = await job();
    const { files, bytes } = staged(j, 2_500_000);
    svc.faults.upload = ['drop', 503];
    const up = await new ArtifactUploader({ blockSize: 256 << 10, forceZip64: true }).upload('blocks', files);
    assert.deepEqual(svc.faults.upload, [], 'both faults were met');
    assert.ok(svc.calls.includes('fault: upload dropped PUT blob') && svc.calls.includes('fault: upload answered 503'));
    const a = stored('blocks');
    const blob = await svc.blobBytes(a);
    assert.equal(a.digest, `sha256:${createHash('sha256').update(blob).digest('hex')}`);
    assert.equal(up.size, blob.length);
    const props = await blobProps(a);
    assert.equal(props.contentType, 'application/zip');
    assert.equal(props.committedBlocks, Math.ceil(blob.length / (256 << 10)), 'one committed block per 256 KiB');
    assert.deepEqual(await downloaded(j, 'blocks'), bytes, "the toolkit's streaming unzip reads our zip64 layout");
  });

  test('a block refused on every try: the upload fails after the storage client\'s 4 tries, and nothing is finalized', async () => {
    const j = await job();
    const { files } = staged(j, 10_000);
    svc.faults.upload = [500, 500, 500, 500, 500];
    await assert.rejects(new ArtifactUploader().upload('refused', files), /^Error: Put Blob answered 500 InternalError: injected fault$/);
    assert.deepEqual(svc.faults.upload, [500], 'four tries');
    assert.equal(stored('refused').finalized, false);
    svc.faults.upload = [];
  });

  test('the Twirp calls carry the fields the toolkit sends, with the same values and forms', async () => {
    const j = await job();
    const { files } = staged(j, 1000);
    const from = svc.twirpBodies.length;
    await toolkit(j, { op: 'upload', name: 'by-toolkit', files: files.map((f) => f.path), root: path.dirname(files[0]?.path ?? ''), compressionLevel: 0 });
    const theirs = svc.twirpBodies.slice(from);
    const mark = svc.twirpBodies.length;
    const uploader = new ArtifactUploader();
    await uploader.upload('by-us', files);
    await uploader.list('by-us');
    const ours = svc.twirpBodies.slice(mark);
    // Each side's call of a method (the first, should a retry have sent it again), names and values
    // that must differ (the artifact's name, the zip's size and hash) by their form only.
    const shape = (list: typeof ours, method: string): unknown => {
      const b = list.find((x) => x.method === method)?.body ?? {};
      return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, k === 'name' || k === 'name_filter' ? 'NAME' : k === 'size' || k === 'hash' ? typeof v : v]));
    };
    const calls = JSON.stringify({ theirs, ours });
    for (const method of ['CreateArtifact', 'FinalizeArtifact']) assert.deepEqual(shape(ours, method), shape(theirs, method), `${method} alike: ${calls}`);
    const body = (method: string): Record<string, unknown> => ours.find((x) => x.method === method)?.body ?? {};
    assert.equal(body('CreateArtifact')['mime_type'], 'application/zip');
    assert.equal(body('CreateArtifact')['version'], 7);
    assert.match(String(body('FinalizeArtifact')['hash']), /^sha256:[0-9a-f]{64}$/);
    assert.match(String(body('FinalizeArtifact')['size']), /^\d+$/, 'int64 as a string');
    // getArtifact's listing, as deleteArtifact also sends it: the run, the job, the name.
    assert.deepEqual(Object.keys(body('ListArtifacts')).sort(), ['name_filter', 'workflow_job_run_backend_id', 'workflow_run_backend_id']);
    // The same entries, stored alike, as the toolkit's zip at compression level 0 (raw.db aside: we deflate it).
    const entries = (name: string) => async () => zipEntries(await svc.blobBytes(stored(name))).map((e) => [e.name, e.name === 'raw.db' ? 'raw' : e.method, e.size]);
    assert.deepEqual(await entries('by-us')(), await entries('by-toolkit')());
  });

  test('retention-days: expires_at that many days ahead, capped by the repository maximum with the toolkit\'s warning', async () => {
    const j = await job();
    const { files } = staged(j, 1000);
    const warnings: string[] = [];
    process.env['GITHUB_RETENTION_DAYS'] = '3';
    try {
      await new ArtifactUploader({ warn: (l) => warnings.push(l) }).upload('kept', files, 10);
    } finally {
      delete process.env['GITHUB_RETENTION_DAYS'];
    }
    const expires = stored('kept').expiresAt?.getTime() ?? 0;
    assert.ok(Math.abs(expires - (Date.now() + 3 * 86_400_000)) < 2 * 3_600_000, 'three days ahead (within a DST shift)');
    assert.deepEqual(warnings, ['Retention days cannot be greater than the maximum allowed retention set within the repository. Using 3 instead.']);
  });
});
