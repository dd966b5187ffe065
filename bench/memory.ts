import { readFileSync, readdirSync } from 'node:fs';

/** Memory of a process tree, read from Linux's /proc: what the benches report as peak anonymous memory. */

/** pid and all its descendants (Linux: /proc/<pid>/task/<tid>/children). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i] as number;
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(' ').map(Number));
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

export function statusKiB(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Samples the anonymous memory of pid's process tree every 20 ms until stopped; returns the peak.
 * Anonymous, not RSS: pages of the database our read-only connections map are the page cache's,
 * not ours (they are counted in RssFile).
 */
export function sampleAnon(pid: number): () => number {
  let peak = 0;
  const tick = (): void => {
    peak = Math.max(peak, processTree(pid).reduce((a, p) => a + statusKiB(p, 'RssAnon'), 0));
  };
  tick();
  const timer = setInterval(tick, 20);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
