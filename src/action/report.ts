import * as core from '@actions/core';
import { formatBytes, formatDuration, formatRate } from '../engine/common/format.ts';
import type { ManifestEntry } from '../engine/manifest/manifest.ts';
import { describeRecovery } from '../engine/snapshot/recovery.ts';

export function ratio(raw: number, stored: number): string {
  return stored > 0 ? `${(raw / stored).toFixed(2)}×` : 'n/a';
}

export function integrityText(e: ManifestEntry): string {
  const i = e.integrity;
  return i.ok === null ? 'not checked' : i.ok ? `${i.check}_check ok` : `${i.check}_check FAILED`;
}

export function rowCount(e: ManifestEntry): number {
  return Object.values(e.tables).reduce((a, b) => a + b, 0);
}

/** One collapsible log group per database, so a run with ten databases stays readable. */
export async function logEntry(e: ManifestEntry): Promise<void> {
  await core.group(`${e.name}: ${e.method}, ${formatBytes(e.rawSize)} → ${formatBytes(e.storedSize)} (${ratio(e.rawSize, e.storedSize)}) in ${formatDuration(e.timings.totalMs)}`, async () => {
    core.info(`source       ${e.source}`);
    core.info(`method       ${e.method} (${e.copy}): ${e.reason}`);
    if (e.recovery) core.info(`recovery     ${describeRecovery(e.recovery)}`);
    core.info(`size         ${formatBytes(e.rawSize)} raw → ${formatBytes(e.storedSize)} ${e.compression}${e.compression === 'none' ? '' : ` level ${e.level}`}, ratio ${ratio(e.rawSize, e.storedSize)}`);
    core.info(`time         copy ${formatDuration(e.timings.copyMs)} at ${formatRate(e.rawSize, e.timings.copyMs)}, check ${formatDuration(e.timings.checkMs)}, total ${formatDuration(e.timings.totalMs)} (${formatRate(e.rawSize, e.timings.totalMs)})`);
    core.info(`database     ${e.pageCount} pages of ${e.pageSize} B, ${e.freelistCount} free, journal ${e.journalMode}, SQLite ${e.sqliteVersion}`);
    core.info(`content      ${Object.keys(e.tables).length} tables, ${rowCount(e)} rows; ${integrityText(e)}`);
    core.info(`sha256       ${rawShaText(e.rawSha256)}`);
  });
}

/** The database's sha256 as the snapshot recorded it, or why there is none. */
export function rawShaText(sha: string | undefined): string {
  return sha ?? 'not recorded (take the snapshot with raw-sha256: true to record it)';
}

/** Markdown-safe table cell text: pipes and angle brackets would break the summary's table. */
export function cell(s: string): string {
  return s.replace(/[<>&|]/g, (c) => `&#${c.charCodeAt(0)};`);
}
