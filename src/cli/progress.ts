import { formatBytes } from '../engine/common/format.ts';

/**
 * A one-line progress display on a terminal, for work that lasts long enough to wonder about:
 * nothing for the first second, then at most ten redraws a second, erased when done.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;
  private readonly enabled: boolean;
  constructor(enabled: boolean) {
    // TERM=dumb: a terminal (Emacs shell, some CI consoles) that cannot erase a line.
    this.enabled = enabled && Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb';
  }

  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.last < 100) return;
    this.last = now;
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const rate = formatBytes((done * 1000) / Math.max(1, now - this.started));
    process.stderr.write(`\r\u001b[2K${label}: ${pct}% (${formatBytes(done)} of ${formatBytes(total)}, ${rate}/s)`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\u001b[2K');
    this.shown = false;
  }
}
