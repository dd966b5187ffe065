import { spawn, type StdioOptions } from 'node:child_process';
import os from 'node:os';
import { SnapshotError } from '../../engine/common/errors.ts';

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdio: StdioOptions;
  /** How to name the command in messages. */
  label: string;
}

/**
 * Runs the command that builds or migrates a seed and resolves to its exit status (128 + signal
 * number when killed, as shells report it). It resolves when the command itself exits, not when
 * its output closes: a command may leave a background process running (a server, a writer) that
 * holds stdout open, and the seed is snapshotted consistently under it anyway.
 */
export function runCommand(argv: readonly string[], opts: CommandOptions): Promise<number> {
  const [file, ...args] = argv;
  if (!file) throw new SnapshotError('bad-input', `${opts.label}: is empty; give the command that builds the databases`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: opts.stdio });
    child.once('error', (err: NodeJS.ErrnoException) => {
      const advice = err.code === 'ENOENT' ? 'not found; check the command name and PATH' : err.message;
      reject(new SnapshotError('bad-input', `${opts.label}: cannot start ${file}: ${advice}`, { cause: err }));
    });
    child.once('exit', (code, signal) => {
      const n = signal ? (os.constants.signals[signal] ?? 0) : 0;
      resolve(code ?? 128 + n);
    });
  });
}
