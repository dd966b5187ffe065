import { readFileSync, readdirSync } from 'node:fs';

/** The nice value of each thread of process `pid` (Linux: /proc/<pid>/task/<tid>/stat, field 19). */
export function threadNices(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name in parentheses start at field 3 (state).
      out[tid] = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}
