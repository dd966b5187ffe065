/**
 * Where snapshots live. The engine reads and writes plain directories (a manifest plus one file
 * per database); a store decides where those directories come from and go to: a local directory
 * tree, or GitHub's artifact service. Front doors talk to a Store, never to a location directly.
 */
export interface Staging {
  /** An empty directory to write the snapshot into. */
  dir: string;
  /** Publishes the snapshot as the newest generation of its name. */
  commit(): Promise<Published>;
  /** Throws the staged files away. Safe to call after a failed commit. */
  abort(): Promise<void>;
}

export interface Published {
  name: string;
  generation: string;
  /** Human-readable location: a path, or an artifact URL. */
  location: string;
  /** Store-specific facts (artifact id, digest, …) for front doors to report. */
  details?: Record<string, string | number>;
}

export interface Opened {
  name: string;
  generation: string;
  dir: string;
  /** Releases what opening took (a downloaded copy, for instance). */
  close(): Promise<void>;
}

export interface Selector {
  generation?: string;
  /** The newest generation taken at or before this time. */
  at?: Date;
}

export interface GenerationInfo {
  name: string;
  generation: string;
  createdAt: string;
  dir: string;
}

export interface Store {
  readonly description: string;
  begin(name: string): Promise<Staging>;
  open(name: string, select?: Selector): Promise<Opened>;
  list(name?: string): Promise<GenerationInfo[]>;
}
