/**
 * The two calls of @actions/artifact a restore makes (listing a run's artifacts, downloading one),
 * loaded from the modules that hold them rather than from the package's entry. The entry's client
 * imports the toolkit's upload half as well: the Azure storage SDK and archiver, about 1.9 MB of the
 * bundle, which a restore never runs. The paths are relative because the package's `exports` map
 * names its entry only; the bundler follows them like any import, and the lockfile fixes the
 * version they were written against (the restore tests run through them).
 */
import type { ArtifactClient } from '@actions/artifact';

export type ArtifactReader = Pick<ArtifactClient, 'listArtifacts' | 'downloadArtifact'>;

export async function loadArtifactReader(): Promise<ArtifactReader> {
  const [find, download, config, errors] = await Promise.all([
    import('../../../node_modules/@actions/artifact/lib/internal/find/list-artifacts.js'),
    import('../../../node_modules/@actions/artifact/lib/internal/download/download-artifact.js'),
    import('../../../node_modules/@actions/artifact/lib/internal/shared/config.js'),
    import('../../../node_modules/@actions/artifact/lib/internal/shared/errors.js'),
  ]);
  // As DefaultArtifactClient dispatches: another run's artifacts through the REST API with a
  // token (findBy), this run's through the runtime's own service; neither on GHES.
  const notGhes = (): void => {
    if (config.isGhes()) throw new errors.GHESNotSupportedError();
  };
  return {
    listArtifacts: async (options) => {
      notGhes();
      if (options?.findBy) {
        const { workflowRunId, repositoryOwner, repositoryName, token } = options.findBy;
        return find.listArtifactsPublic(workflowRunId, repositoryOwner, repositoryName, token, options.latest);
      }
      return find.listArtifactsInternal(options?.latest);
    },
    downloadArtifact: async (artifactId, options) => {
      notGhes();
      if (options?.findBy) {
        const { findBy, ...rest } = options;
        return download.downloadArtifactPublic(artifactId, findBy.repositoryOwner, findBy.repositoryName, findBy.token, rest);
      }
      return download.downloadArtifactInternal(artifactId, options);
    },
  };
}
