// The abs:// store against Azurite, through the CLI: the tests (helpers/object-suite.ts).
import { BlobServiceClient, ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';
import { DEV_ACCOUNT, DEV_KEY, startAzurite } from '../e2e/helpers/azurite.ts';
import { objectStoreSuite } from './helpers/object-suite.ts';

const CONTAINER = 'snaps';

const connectionString = (blobEndpoint: string, key = DEV_KEY): string => `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${key};BlobEndpoint=${blobEndpoint};`;

objectStoreSuite('azure', async () => {
  const azurite = await startAzurite();
  const service = BlobServiceClient.fromConnectionString(connectionString(azurite.accountUrl));
  await service.getContainerClient(CONTAINER).create();
  const env = { AZURE_STORAGE_CONNECTION_STRING: connectionString(azurite.accountUrl) };
  const wrongKey = Buffer.from('not the account key, but one of the right length').toString('base64');
  // A container SAS as a user would make one: read, add, create, write, delete and list.
  const sas = generateBlobSASQueryParameters(
    { containerName: CONTAINER, permissions: ContainerSASPermissions.parse('racwdl'), startsOn: new Date(Date.now() - 60_000), expiresOn: new Date(Date.now() + 3_600_000) },
    new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_KEY),
  ).toString();
  return {
    env,
    envVia: (proxyUrl) => ({ AZURE_STORAGE_CONNECTION_STRING: connectionString(`${proxyUrl}/${DEV_ACCOUNT}`) }),
    origin: new URL(azurite.accountUrl).origin,
    storeUrl: (prefix, container = CONTAINER) => `abs://${DEV_ACCOUNT}@${container}/${prefix}`,
    keys: async (prefix) => {
      const out: string[] = [];
      for await (const b of service.getContainerClient(CONTAINER).listBlobsFlat({ prefix: `${prefix}/` })) out.push(b.name);
      return out;
    },
    wrongCredentials: { env: { AZURE_STORAGE_CONNECTION_STRING: connectionString(azurite.accountUrl, wrongKey) }, names: /AZURE_STORAGE_CONNECTION_STRING/ },
    noCredentials: {
      env: { AZURE_STORAGE_CONNECTION_STRING: undefined, AZURE_STORAGE_KEY: undefined, AZURE_STORAGE_SAS_TOKEN: undefined },
      names: /no Azure credentials; set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN/,
      code: 2,
    },
    otherCredentials: [
      { label: 'AZURE_STORAGE_KEY', env: { AZURE_STORAGE_CONNECTION_STRING: undefined, AZURE_STORAGE_KEY: DEV_KEY }, storeUrl: (prefix) => `abs://${DEV_ACCOUNT}@${CONTAINER}/${prefix}?endpoint=${azurite.accountUrl}` },
      { label: 'AZURE_STORAGE_SAS_TOKEN', env: { AZURE_STORAGE_CONNECTION_STRING: undefined, AZURE_STORAGE_SAS_TOKEN: sas }, storeUrl: (prefix) => `abs://${DEV_ACCOUNT}@${CONTAINER}/${prefix}?endpoint=${azurite.accountUrl}` },
    ],
    secrets: [DEV_KEY, wrongKey, sas.replace(/^.*sig=/, '')],
    throttleBody: (status) =>
      `<?xml version="1.0" encoding="utf-8"?><Error><Code>${status === 503 ? 'ServerBusy' : 'TooManyRequests'}</Code><Message>The server is busy.</Message></Error>`,
    stop: () => azurite.stop(),
  };
});
