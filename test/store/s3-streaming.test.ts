// The s3:// store uploads each data file while the engine writes it, as a multipart upload (helpers/streaming-suite.ts).
import { S3Backend } from '../../src/store/s3/s3.ts';
import { ObjectStore } from '../../src/store/object/store.ts';
import { streamingSuite } from './helpers/streaming-suite.ts';
import { startS3rver } from './helpers/s3rver.ts';

const BUCKET = 'snaps';

streamingSuite('s3', async () => {
  const s3 = await startS3rver([BUCKET]);
  const saved = { ...process.env };
  // Credentials and region from the variables, as a user gives them; the endpoint in each URL.
  Object.assign(process.env, s3.env);
  return {
    origin: s3.endpoint,
    store: (via, prefix, tempRoot) => new ObjectStore(new S3Backend(new URL(`s3://${BUCKET}/${prefix}?endpoint=${via}`), '--store'), { tempRoot }),
    visible: async (prefix) => (await new S3Backend(new URL(`s3://${BUCKET}/${prefix}`), 'keys').list('')).map((o) => o.key),
    partSize: 5 << 20,
    isPart: (r) => r.method === 'PUT' && /[?&]partNumber=/.test(r.url),
    isComplete: (r) => r.method === 'POST' && /[?&]uploadId=/.test(r.url),
    isAbort: (r) => r.method === 'DELETE' && /[?&]uploadId=/.test(r.url),
    markers: true,
    throttleBody: () => '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    stop: async () => {
      process.env = saved;
      await s3.stop();
    },
  };
});
