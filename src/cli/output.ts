import { formatBytes, formatDuration, formatRate } from '../engine/common/format.ts';
import type { Manifest, ManifestEntry } from '../engine/manifest/manifest.ts';
import { describeRecovery } from '../engine/snapshot/recovery.ts';

export interface Out {
  json: boolean;
  quiet: boolean;
}

export function print(out: Out, human: () => string, json: () => unknown): void {
  if (out.json) process.stdout.write(JSON.stringify(json(), null, 2) + '\n');
  else if (!out.quiet) process.stdout.write(human() + '\n');
}

export function entryLine(e: ManifestEntry): string {
  const ratio = e.storedSize > 0 ? (e.rawSize / e.storedSize).toFixed(2) : 'n/a';
  const integrity = e.integrity.ok === null ? 'not checked' : e.integrity.ok ? `${e.integrity.check}_check ok` : `${e.integrity.check}_check FAILED`;
  return [
    `  ${e.name}: ${e.method} (${e.copy}), ${formatBytes(e.rawSize)} -> ${formatBytes(e.storedSize)} ${e.compression}${e.compression === 'none' ? '' : ` ${e.level}`} (ratio ${ratio})`,
    `    ${formatDuration(e.timings.totalMs)} total, copy ${formatDuration(e.timings.copyMs)} at ${formatRate(e.rawSize, e.timings.copyMs)}, check ${formatDuration(e.timings.checkMs)}; ${integrity}`,
    `    why: ${e.reason}`,
    ...(e.recovery ? [`    recovered: ${describeRecovery(e.recovery)}`] : []),
  ].join('\n');
}

export function describeManifest(m: Manifest, generation?: string): string {
  const lines = [
    `snapshot ${m.name}${generation ? ` (generation ${generation})` : ''}`,
    `  created ${m.createdAt} by sqlite-snapshot ${m.toolVersion}, format ${m.formatVersion}${m.allowCorrupt ? ', TAKEN WITH --allow-corrupt' : ''}`,
  ];
  for (const e of m.databases) {
    const rows = Object.values(e.tables).reduce((a, b) => a + b, 0);
    lines.push(
      `  ${e.name}  (from ${e.source})`,
      `    file         ${e.file}  ${formatBytes(e.storedSize)} ${e.compression}${e.compression === 'none' ? '' : ` level ${e.level}`}`,
      `    database     ${formatBytes(e.rawSize)}: ${e.pageCount} pages of ${e.pageSize} B, ${e.freelistCount} free; journal ${e.journalMode}`,
      `    method       ${e.method} (${e.copy}): ${e.reason}`,
      ...(e.recovery ? [`    recovery     ${describeRecovery(e.recovery)}`] : []),
      `    sqlite       ${e.sqliteVersion}; user_version ${e.userVersion}; application_id ${e.applicationId}`,
      `    integrity    ${e.integrity.ok === null ? 'not checked' : `${e.integrity.check}_check ${e.integrity.ok ? 'ok' : `FAILED: ${e.integrity.messages.join('; ')}`}`}`,
      `    schema       sha256 ${e.schemaSha256}`,
      `    sha256       raw ${e.rawSha256 ?? 'not recorded (snapshot with --raw-sha256 to record it)'}`,
      `                 stored ${e.storedSha256}`,
      `    tables       ${Object.keys(e.tables).length} tables, ${rows} rows`,
      ...Object.entries(e.tables).map(([t, n]) => `                 ${t}: ${n}`),
      `    timings      copy ${formatDuration(e.timings.copyMs)}, check ${formatDuration(e.timings.checkMs)}, total ${formatDuration(e.timings.totalMs)}`,
    );
  }
  return lines.join('\n');
}
