#!/usr/bin/env node
// First: starts worker threads while everything below loads.
import './warm-up.ts';
import { SnapshotError, oneLine } from '../engine/common/errors.ts';
import { TOOL_VERSION } from '../engine/manifest/version.ts';
import { type Options, flag, parse } from './args.ts';
import { INSPECT_HELP, INSPECT_OPTIONS, inspectCommand } from './commands/inspect.ts';
import { LIST_HELP, LIST_OPTIONS, listCommand } from './commands/list.ts';
import { PRUNE_HELP, PRUNE_OPTIONS, pruneCommand } from './commands/prune.ts';
import { WATCH_HELP, WATCH_OPTIONS, watchCommand } from './commands/watch.ts';
import { RESTORE_HELP, RESTORE_OPTIONS, restoreCommand } from './commands/restore.ts';
import { SEED_HELP, SEED_OPTIONS, seedCommand } from './commands/seed.ts';
import { CommandFailed } from '../store/seed/seed.ts';
import { SNAPSHOT_HELP, SNAPSHOT_OPTIONS, snapshotCommand } from './commands/snapshot.ts';
import { VERIFY_HELP, VERIFY_OPTIONS, verifyCommand } from './commands/verify.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import type { Out } from './output.ts';
import type { Parsed } from './args.ts';

interface Command {
  summary: string;
  help: string;
  options: Options;
  positionals: boolean;
  /** Takes a command to run after `--` (seed). */
  takesCommand?: boolean;
  run: (p: Parsed, out: Out) => Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  snapshot: { summary: 'take a consistent snapshot of live databases', help: SNAPSHOT_HELP, options: SNAPSHOT_OPTIONS, positionals: true, run: snapshotCommand },
  restore: { summary: 'verify a snapshot and atomically restore it', help: RESTORE_HELP, options: RESTORE_OPTIONS, positionals: false, run: restoreCommand },
  verify: { summary: 'check a snapshot: checksums, sizes, integrity', help: VERIFY_HELP, options: VERIFY_OPTIONS, positionals: false, run: verifyCommand },
  inspect: { summary: "print a snapshot's manifest readably", help: INSPECT_HELP, options: INSPECT_OPTIONS, positionals: false, run: inspectCommand },
  list: { summary: 'list the generations in a store', help: LIST_HELP, options: LIST_OPTIONS, positionals: false, run: listCommand },
  prune: { summary: 'remove old generations (--keep, --max-age)', help: PRUNE_HELP, options: PRUNE_OPTIONS, positionals: false, run: pruneCommand },
  watch: { summary: 'take periodic hot snapshots of live databases', help: WATCH_HELP, options: WATCH_OPTIONS, positionals: true, run: watchCommand },
  seed: { summary: 'restore a seed by key, or build it with a command and save it', help: SEED_HELP, options: SEED_OPTIONS, positionals: true, takesCommand: true, run: seedCommand },
};

const USAGE = `sqlite-snapshot ${TOOL_VERSION}: consistent snapshots of live SQLite databases

Usage: sqlite-snapshot <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run "sqlite-snapshot help <command>" (or <command> --help) for a command's options.

Exit codes: 0 ok, 1 failed, 2 bad input or usage, 3 snapshot corrupt or failed
verification, 4 database or target busy, 5 snapshot or store not found.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // "help <command>", as git and npm take it.
  if (name === 'help' && rest[0] !== undefined) return main([rest[0], '--help']);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  let json = rest.includes('--json');
  try {
    if (!command) throw new SnapshotError('bad-input', `unknown command "${name}"; use one of ${Object.keys(COMMANDS).join(', ')} (see sqlite-snapshot --help)`);
    const parsed = parse(name, rest, command.options, command.positionals, command.takesCommand);
    if (flag(parsed, 'help')) {
      process.stdout.write(command.help + '\n');
      return EXIT.ok;
    }
    json = flag(parsed, 'json');
    await command.run(parsed, { json, quiet: flag(parsed, 'quiet') });
    return EXIT.ok;
  } catch (err) {
    const kind = err instanceof SnapshotError ? err.kind : undefined;
    const message = oneLine(err);
    if (json && !(err instanceof SnapshotError && err.reported)) process.stdout.write(JSON.stringify({ error: { kind: kind ?? 'failed', message } }) + '\n');
    process.stderr.write(`sqlite-snapshot: error: ${message}\n`);
    if (process.env.SQLITE_SNAPSHOT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    // A seed command that failed: its own status, as a shell would report it.
    if (err instanceof CommandFailed) return err.status;
    return exitCodeFor(kind);
  }
}

// `sqlite-snapshot list | head -1`: a reader that stops early is not an error, and no reason for
// a stack trace. Later output is dropped; the command finishes as it would have, so a snapshot in
// flight is not cut short and leaves nothing behind.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
