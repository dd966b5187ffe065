import { type ErrorKind, SnapshotError } from '../engine/common/errors.ts';

/**
 * One class per error kind, for `catch (e) { if (e instanceof NotFoundError) … }`. The engine
 * throws SnapshotError with a `kind`; each class here answers `instanceof` for every
 * SnapshotError of its kind (Symbol.hasInstance), whoever constructed it, and constructs one of
 * that kind itself. `err.kind` and `err.exitCode` say the same thing without a class.
 */
function kindIs(kind: ErrorKind, value: unknown): boolean {
  return value instanceof SnapshotError && value.kind === kind;
}

/** Something the caller gave is unusable: a path, an option, a name. Exit code 2. */
export class BadInputError extends SnapshotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('bad-input', message, options);
    this.name = 'BadInputError';
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindIs('bad-input', value);
  }
}

/** A snapshot failed verification (checksum, size, header, integrity), or a database is damaged. Exit code 3. */
export class CorruptError extends SnapshotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('corrupt', message, options);
    this.name = 'CorruptError';
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindIs('corrupt', value);
  }
}

/** A database, a target or a snapshot name is in use by another process; retry later. Exit code 4. */
export class BusyError extends SnapshotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('busy', message, options);
    this.name = 'BusyError';
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindIs('busy', value);
  }
}

/** The store, the snapshot name or the generation asked for does not exist. Exit code 5. */
export class NotFoundError extends SnapshotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('not-found', message, options);
    this.name = 'NotFoundError';
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindIs('not-found', value);
  }
}

/** Anything else: I/O errors, a full disk, a crash of SQLite. Exit code 1. */
export class FailedError extends SnapshotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('failed', message, options);
    this.name = 'FailedError';
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return kindIs('failed', value);
  }
}
