import { badInput } from '../engine/common/errors.ts';
import { partSizeFrom } from '../store/github/releases/assets.ts';
import { CLI_WORDS } from '../store/github/releases/errors.ts';
import { ReleaseStore, parseReleaseSpec, validateTag } from '../store/github/releases/store.ts';
import { type Parsed, flag, str } from './args.ts';
import type { Out } from './output.ts';

/** The flags of the commands that read a snapshot from a release (restore, inspect, verify). */
export const RELEASE_READ_OPTIONS = {
  release: { type: 'string' },
  prereleases: { type: 'boolean', default: false },
} as const;

export const RELEASE_READ_HELP = `  --release <o/r@tag>     read the snapshot from a GitHub release's assets instead of a store:
                            owner/repo@v1.2.0, or owner/repo@latest for the newest published
                            release (by publish time) that holds <name>; GITHUB_TOKEN is used
                            when set (needed for private repositories), else anonymous
  --prereleases           with @latest, also take prereleases`;

/** The flags of `snapshot --release`. */
export const RELEASE_PUBLISH_OPTIONS = {
  release: { type: 'string' },
  draft: { type: 'boolean', default: false },
  prerelease: { type: 'boolean', default: false },
  'make-latest': { type: 'boolean', default: false },
  overwrite: { type: 'boolean', default: false },
} as const;

export const RELEASE_PUBLISH_HELP = `  --release <o/r@tag>     attach the snapshot to this GitHub release instead of a store (needs
                            GITHUB_TOKEN with contents: write): a published mutable release
                            gets the assets; otherwise a draft for the tag is used, or created
                            and published once every asset is checked
  --draft                 leave a release this command creates as a draft
  --prerelease            mark a release this command creates as a prerelease
  --make-latest           let it become the repository's Latest (default: make_latest false)
  --overwrite             replace assets of the same name whose content differs`;

function token(): string | undefined {
  return process.env['GITHUB_TOKEN'] || process.env['GH_TOKEN'] || undefined;
}

/** Log lines (which release was chosen, each asset) go to stderr, as progress does; --quiet and --json silence them. */
function logger(out: Out): (line: string) => void {
  return out.quiet || out.json ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

/** The release store `--release` names for reading, or undefined without the flag. */
export function releaseToRead(p: Parsed, command: string, out: Out): ReleaseStore | undefined {
  const spec = str(p, 'release');
  if (spec === undefined) {
    if (flag(p, 'prereleases')) throw badInput(`${command}: --prereleases applies only with --release owner/repo@latest`);
    return undefined;
  }
  if (str(p, 'store') !== undefined) throw badInput(`${command}: give --store or --release, not both`);
  if (str(p, 'at') !== undefined) throw badInput(`${command}: --at chooses among a store's generations; with --release give the tag (owner/repo@v1.2.0) or @latest`);
  const { repository, ref } = parseReleaseSpec(spec, '--release');
  const latest = ref.toLowerCase() === 'latest';
  if (!latest) validateTag(ref, '--release');
  if (flag(p, 'prereleases') && !latest) throw badInput(`${command}: --prereleases applies only with @latest, not a tag (${ref})`);
  const t = token();
  return new ReleaseStore({
    repository,
    ...(t ? { token: t } : {}),
    ref: latest ? { latest: true, prereleases: flag(p, 'prereleases') } : { tag: ref },
    words: CLI_WORDS,
    log: logger(out),
  });
}

/** The release store `snapshot --release` publishes to, or undefined without the flag. */
export function releaseToPublish(p: Parsed, out: Out): ReleaseStore | undefined {
  const spec = str(p, 'release');
  const releaseOnly = ['draft', 'prerelease', 'make-latest', 'overwrite'].filter((f) => flag(p, f));
  if (spec === undefined) {
    if (releaseOnly.length) throw badInput(`snapshot: --${releaseOnly[0]} applies only with --release`);
    return undefined;
  }
  for (const f of ['store', 'keep', 'max-age']) if (str(p, f) !== undefined) throw badInput(`snapshot: --${f} is for stores; a release keeps its assets, so give --store or --release, not both`);
  const { repository, ref } = parseReleaseSpec(spec, '--release');
  if (ref.toLowerCase() === 'latest') throw badInput('--release: "latest" names a release to read; give the tag to publish to (owner/repo@v1.2.0)');
  validateTag(ref, '--release');
  const t = token();
  if (!t) throw badInput('GITHUB_TOKEN: is not set; publishing to a release needs a token with contents: write in the environment');
  return new ReleaseStore({
    repository,
    token: t,
    ref: { tag: ref },
    publish: {
      draft: flag(p, 'draft'),
      prerelease: flag(p, 'prerelease'),
      makeLatest: flag(p, 'make-latest'),
      overwrite: flag(p, 'overwrite'),
      partSize: partSizeFrom(process.env['SQLITE_SNAPSHOT_RELEASE_PART_SIZE']),
    },
    words: CLI_WORDS,
    log: logger(out),
  });
}
