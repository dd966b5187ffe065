/**
 * Every failure the engine reports is a SnapshotError: one line that names the input and says
 * what to do, plus a kind that front doors map to exit codes (CLI) or messages (Action).
 */
export type ErrorKind =
  /** The caller gave something unusable: a path, an option, a name. Fix the input. */
  | 'bad-input'
  /** A snapshot failed verification: checksum, size, header or integrity. The data is not trusted. */
  | 'corrupt'
  /** A database is locked or in use by another process. Retry later, or force. */
  | 'busy'
  /** The named snapshot does not exist in the store. */
  | 'not-found'
  /** Anything else: I/O errors, disk full, a crash of SQLite. */
  | 'failed';

/**
 * The exit code the CLI gives each kind: documented in the README, scripts rely on them, so never
 * renumber. Here, below every front door, so the API's errors carry the same codes as the CLI's.
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = { failed: 1, 'bad-input': 2, corrupt: 3, busy: 4, 'not-found': 5 };

/** The exit code for a kind; anything that is not a SnapshotError is a plain failure (1). */
export function exitCodeFor(kind: ErrorKind | undefined): number {
  return EXIT_CODES[kind ?? 'failed'];
}

export class SnapshotError extends Error {
  readonly kind: ErrorKind;
  /** The front door already printed a full report of this failure (e.g. verify --json). */
  readonly reported: boolean;
  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown; reported?: boolean }) {
    super(message, options);
    this.name = 'SnapshotError';
    this.kind = kind;
    this.reported = options?.reported ?? false;
  }

  /** What the CLI exits with for this error (see EXIT_CODES). */
  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

export const badInput = (message: string): SnapshotError => new SnapshotError('bad-input', message);
export const corrupt = (message: string): SnapshotError => new SnapshotError('corrupt', message);

/** Turns any thrown value into a single line, so no stack trace or multi-line text reaches a user. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Disk-full and quota errors get their own advice: the remedy is not the same as for a bug. */
export function describeIoError(err: unknown, what: string): SnapshotError {
  if (err instanceof SnapshotError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || /SQLITE_FULL|disk is full/i.test(oneLine(err))) {
    return new SnapshotError('failed', `${what}: no space left on device; free some space or choose another directory`, { cause: err });
  }
  if (code === 'EROFS') {
    return new SnapshotError('failed', `${what}: read-only file system (EROFS); choose a writable location`, { cause: err });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new SnapshotError('failed', `${what}: permission denied (${code}); check the permissions of the file and its directory`, { cause: err });
  }
  if (code === 'ENOTDIR') {
    return new SnapshotError('failed', `${what}: part of the path is a file, not a directory (ENOTDIR); check the path`, { cause: err });
  }
  if (code === 'ENOENT') {
    return new SnapshotError('failed', `${what}: ${oneLine(err)}; check that the path exists and can hold files`, { cause: err });
  }
  return new SnapshotError('failed', `${what}: ${oneLine(err)}`, { cause: err });
}
