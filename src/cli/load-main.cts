// Required by bin.cts once the Node.js version has been checked; import() lives here because
// Node.js before 10 cannot parse it, and bin.cts must parse everywhere.
import('./main.ts').catch(function (err: unknown) {
  // Only when the CLI cannot load at all (a broken better-sqlite3 install, say): main.ts
  // reports every error of a command itself.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write('sqlite-snapshot: error: cannot load the CLI: ' + message.split('\n')[0] + '; reinstall sqlite-snapshot\n');
  if (process.env.SQLITE_SNAPSHOT_DEBUG && err instanceof Error) process.stderr.write(err.stack + '\n');
  process.exitCode = 1;
});
