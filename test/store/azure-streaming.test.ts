// The abs:// store uploads each data file while the engine writes it, as staged blocks (helpers/streaming-suite.ts).
import { BlobServiceClient } from '@azure/storage-blob';
import { AzureBackend } from '../../src/store/azure/azure.ts';
import { ObjectStore } from '../../src/store/object/store.ts';
import { DEV_ACCOUNT, DEV_KEY, startAzurite } from '../e2e/helpers/azurite.ts';
import { streamingSuite } from './helpers/streaming-suite.ts';

const CONTAINER = 'snaps';

const connectionString = (blobEndpoint: string): string => `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${blobEndpoint};`;

/** A backend over the connection string of `endpoint`, which the SDK reads when the backend is made. */
function backendAt(endpoint: string, prefix: string): AzureBackend {
  const saved = process.env['AZURE_STORAGE_CONNECTION_STRING'];
  process.env['AZURE_STORAGE_CONNECTION_STRING'] = connectionString(endpoint);
  try {
    return new AzureBackend(new URL(`abs://${DEV_ACCOUNT}@${CONTAINER}/${prefix}`), '--store');
  } finally {
    if (saved === undefined) delete process.env['AZURE_STORAGE_CONNECTION_STRING'];
    else process.env['AZURE_STORAGE_CONNECTION_STRING'] = saved;
  }
}

streamingSuite('azure', async () => {
  const azurite = await startAzurite();
  await BlobServiceClient.fromConnectionString(connectionString(azurite.accountUrl)).getContainerClient(CONTAINER).create();
  return {
    origin: new URL(azurite.accountUrl).origin,
    store: (via, prefix, tempRoot) => new ObjectStore(backendAt(`${via}/${DEV_ACCOUNT}`, prefix), { tempRoot }),
    visible: async (prefix) => (await backendAt(azurite.accountUrl, prefix).list('')).map((o) => o.key),
    partSize: 4 << 20,
    isPart: (r) => r.method === 'PUT' && /[?&]comp=block(&|$)/.test(r.url),
    isComplete: (r) => r.method === 'PUT' && /[?&]comp=blocklist(&|$)/.test(r.url),
    markers: true,
    throttleBody: () => '<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>The server is busy.</Message></Error>',
    stop: () => azurite.stop(),
  };
});
