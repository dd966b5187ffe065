/**
 * sqlite-snapshot as a library: what `import … from 'sqlite-snapshot'` gives. Every export is
 * described in docs/api.md. Nothing reachable from here imports `@actions/*` (checked by
 * test/layout/imports.test.ts): the Action's toolkit stays in the Action's bundle.
 */
export { snapshot, type SnapshotOptions, type SnapshotResult, type SnapshotProgress } from './snapshot.ts';
export { restore, type RestoreOptions, type RestoreSummary, type RestoreResult, type RestoreProgress, type RestoreTargets } from './restore.ts';
export { verify, inspect, type VerifyOptions, type VerifyResult, type InspectResult, type EntryReport } from './read.ts';
export { list, prune, type ListOptions, type ListResult, type PruneOptions, type PruneResult, type GenerationSummary, type SeedSummary } from './history.ts';
export { seed, type SeedOptions, type SeedResult, type SeedRun } from './seed.ts';
export type { SnapshotSelection } from './open.ts';

export { LocalStore } from '../store/local/local.ts';
export { LocalSeedStore } from '../store/seed/local.ts';
export { ReleaseStore, type ReleaseStoreOptions } from '../store/github/releases/store.ts';
export type { ReleaseRef } from '../store/github/releases/read.ts';
export type { Store, Staging, Published, Opened, OpenedStream, Selector, GenerationInfo } from '../store/store.ts';
export type { StreamedSnapshot } from '../engine/restore/restore.ts';
export type { ByteSource } from '../engine/restore/zstd-restore.ts';
export type { SeedStore, SeedStaging, FoundSeed, SaveOutcome } from '../store/seed/store.ts';

export { SnapshotError, EXIT_CODES, exitCodeFor, type ErrorKind } from '../engine/common/errors.ts';
export { BadInputError, BusyError, CorruptError, FailedError, NotFoundError } from './errors.ts';

export type { Manifest, ManifestEntry, Method, CopyStrategy, Recovery } from '../engine/manifest/manifest.ts';
export type { Compression } from '../engine/manifest/compression.ts';
export type { CheckLevel } from '../engine/sqlite/facts.ts';
export type { MethodChoice } from '../engine/snapshot/snapshot.ts';
export type { JournalModeChoice } from '../engine/restore/restore.ts';
export type { Verification } from '../store/local/verification.ts';
export { TOOL_VERSION as VERSION } from '../engine/manifest/version.ts';
