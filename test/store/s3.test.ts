// The s3:// store against s3rver (npm), through the CLI: the tests (helpers/object-suite.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3Backend } from '../../src/store/s3/s3.ts';
import { objectStoreSuite } from './helpers/object-suite.ts';
import { S3RVER_KEY, startS3rver } from './helpers/s3rver.ts';

const BUCKET = 'snaps';

objectStoreSuite('s3', async () => {
  const s3 = await startS3rver([BUCKET]);
  const env = s3.env;
  const credentials = path.join(mkdtempSync(path.join(os.tmpdir(), 'aws-')), 'credentials');
  writeFileSync(credentials, `[backups]\naws_access_key_id = ${S3RVER_KEY.id}\naws_secret_access_key = ${S3RVER_KEY.secret}\n`);
  return {
    env,
    envVia: (proxyUrl) => ({ ...env, AWS_ENDPOINT_URL: proxyUrl }),
    origin: s3.endpoint,
    storeUrl: (prefix, bucket = BUCKET) => `s3://${bucket}/${prefix}`,
    keys: async (prefix) => {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        return (await new S3Backend(new URL(`s3://${BUCKET}/${prefix}`), 'keys').list('')).map((o) => o.key);
      } finally {
        process.env = saved;
      }
    },
    // s3rver checks the key id but not SigV4 signatures: a wrong secret alone would pass there.
    wrongCredentials: { env: { AWS_ACCESS_KEY_ID: 'AKIAWRONGKEY', AWS_SECRET_ACCESS_KEY: 'wrong-secret-0123456789' }, names: /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/ },
    // The SDK's chain would also ask the EC2 metadata service: off, and no profile files.
    noCredentials: {
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: undefined, AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
      names: /no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
      code: 1,
    },
    // A named profile in a credentials file, as `aws configure` writes one.
    otherCredentials: [
      {
        label: 'AWS_PROFILE',
        env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_PROFILE: 'backups', AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: '/nonexistent' },
        storeUrl: (prefix) => `s3://${BUCKET}/${prefix}`,
      },
    ],
    secrets: [S3RVER_KEY.secret, 'wrong-secret-0123456789'],
    throttleBody: (status) =>
      status === 503
        ? '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>'
        : '<?xml version="1.0" encoding="UTF-8"?><Error><Code>TooManyRequests</Code><Message>Too many requests.</Message></Error>',
    stop: async () => {
      await s3.stop();
      rmSync(path.dirname(credentials), { recursive: true, force: true });
    },
  };
});
