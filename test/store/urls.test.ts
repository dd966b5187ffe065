// Object-store URLs a user can get wrong: each refused in one line (exit 2) before any request.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { makeBank, runCli, tempDir } from '../helpers/db.ts';

const BAD: { url: string; match: RegExp; env?: Record<string, string | undefined> }[] = [
  { url: 's3://snaps/db?regoin=eu-west-1', match: /"regoin" is not an option of s3:\/\/ stores; it takes \?endpoint=…, \?region=…/ },
  { url: 's3://Not_A_Bucket/db', match: /"Not_A_Bucket" is not an S3 bucket name/ },
  { url: 's3://AKIA:secret@snaps/db', match: /holds a password or key after ":" in the URL; remove it from the URL and set AWS_SECRET_ACCESS_KEY/ },
  { url: 's3://snaps/db?endpoint=ftp://example.com', match: /"ftp:\/\/example.com" is not an http\(s\) URL/ },
  { url: 's3://snaps/db', env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined, AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_S3: undefined }, match: /no AWS region for s3:\/\/snaps\/db; set AWS_REGION/ },
  { url: 'abs://acct:a2V5@snaps/db', match: /remove it from the URL and set AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN/ },
  { url: 'abs://acct@Snaps_1/db', match: /"Snaps_1" is not an Azure container name/ },
  { url: 'abs://snaps/db', env: { AZURE_STORAGE_CONNECTION_STRING: undefined }, match: /no Azure account; give abs:\/\/account@snaps\/… with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN/ },
  {
    url: 'abs://other@snaps/db',
    env: { AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;' },
    match: /the URL names account "other" but AZURE_STORAGE_CONNECTION_STRING is for "devstoreaccount1"/,
  },
];

test('object-store URLs with a mistake: one line naming what to change, exit 2, nothing written', async (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'app.db');
  makeBank(db);
  for (const c of BAD) {
    const r = await runCli(['snapshot', db, '--store', c.url, '--name', 'n'], { env: { ...process.env, ...c.env } as NodeJS.ProcessEnv });
    assert.equal(r.code, 2, `${c.url}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${c.url}: one line`);
    assert.match(lines[0] as string, c.match, c.url);
    assert.ok(!r.stderr.includes('secret') && !r.stderr.includes('a2V5'), `${c.url}: no secret echoed`);
  }
});
