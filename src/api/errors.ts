import { type ErrorKind, SnapshotError } from '../engine/common/errors.ts';

/**
 * One class per error kind, for `catch (e) { if (e instanceof NotFoundError) … }`. The engine
 * throws SnapshotError with a `kind`; each class here answers `instanceof` for every
 * SnapshotError of its kind (Symbol.hasInstance), whoever constructed it, and constructs one of
 * that kind itself. `err.kind` and `err.exitCode` say the same thing without a class.
 */
abstract class KindError extends SnapshotError {
  /** The kind this class stands for. */
  static readonly kind: ErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super((new.target as typeof KindError).kind, message, options);
    this.name = new.target.name;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof SnapshotError && value.kind === this.kind;
  }
}

/** Something the caller gave is unusable: a path, an option, a name. Exit code 2. */
export class BadInputError extends KindError {
  static override readonly kind = 'bad-input';
}

/** A snapshot failed verification (checksum, size, header, integrity), or a database is damaged. Exit code 3. */
export class CorruptError extends KindError {
  static override readonly kind = 'corrupt';
}

/** A database, a target or a snapshot name is in use by another process; retry later. Exit code 4. */
export class BusyError extends KindError {
  static override readonly kind = 'busy';
}

/** The store, the snapshot name or the generation asked for does not exist. Exit code 5. */
export class NotFoundError extends KindError {
  static override readonly kind = 'not-found';
}

/** Anything else: I/O errors, a full disk, a crash of SQLite. Exit code 1. */
export class FailedError extends KindError {
  static override readonly kind = 'failed';
}
