import artifact from '@actions/artifact';

/**
 * What actions/upload-artifact@v7 and actions/download-artifact do with the real @actions/artifact
 * (the version they ship), run as its own process the way an action runs it (bundled by
 * bench/clients.ts, as cache-client.ts is): `node artifact-client.mjs '<json>'` with
 *   {op: "upload", name, files, root, compressionLevel}: uploadArtifact, zipped at that level
 *     (upload-artifact's default is 6);
 *   {op: "download", name, path}: getArtifact by name, then downloadArtifact into path with the
 *     listed digest as expectedHash (download-artifact's single-artifact path), unzipped.
 * Prints `RESULT <json>` last: the artifact id.
 */
type Call = { op: 'upload'; name: string; files: string[]; root: string; compressionLevel: number } | { op: 'download'; name: string; path: string };

const call = JSON.parse(process.argv[2] ?? '{}') as Call;
let id: number | undefined;
if (call.op === 'upload') {
  ({ id } = await artifact.uploadArtifact(call.name, call.files, call.root, { compressionLevel: call.compressionLevel }));
} else {
  const { artifact: found } = await artifact.getArtifact(call.name);
  const res = await artifact.downloadArtifact(found.id, { path: call.path, ...(found.digest ? { expectedHash: found.digest } : {}) });
  if (res.digestMismatch) throw new Error(`artifact ${call.name}: digest mismatch`);
  id = found.id;
}
process.stdout.write(`RESULT ${JSON.stringify(id ?? null)}\n`);
