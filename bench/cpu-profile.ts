/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and says where a step's main thread spent
 * its time: loading modules, evaluating them, the step's own work by part of the code, waiting
 * (idle: I/O, threads, the network), GC. Used by bench/step-profile.ts.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Milliseconds from the profiler's start (after Node's own bootstrap) to the process's end. */
  totalMs: number;
  /** Milliseconds per category, in the order they were first seen. */
  byCategory: Map<string, number>;
  /** Self time of the busiest functions, for the step's work only. */
  topFunctions: [string, number][];
  /** In time order: `from–to ms category`, each 5 ms window named by where most of it went. */
  timeline: string[];
  /** The bundle's files whose code ran (dist/…), by name. */
  files: string[];
}

/** Lines of a bundled file mapped to the module ncc concatenated there (`./lib/...`, `node_modules/...`). */
class ModuleMap {
  private readonly files = new Map<string, { line: number; name: string }[]>();

  moduleAt(url: string, line: number): string {
    if (!url.startsWith('file://')) return url;
    let marks = this.files.get(url);
    if (!marks) {
      marks = [];
      let text = '';
      try {
        text = readFileSync(new URL(url), 'utf8');
      } catch {
        // A file gone since the run: name it by its path only.
      }
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i] as string;
        const concat = /^;\/\/ CONCATENATED MODULE: (.*)$/.exec(l);
        if (concat) marks.push({ line: i, name: concat[1] as string });
        // A numbered CommonJS module: named by the first node_modules path it mentions, if any.
        else if (/^\/\*\*\*\/ \d+:$/.test(l)) marks.push({ line: i, name: guessName(lines, i) });
      }
      this.files.set(url, marks);
    }
    let name = url.replace(/^.*\/(dist|lib|node_modules)\//, '$1/');
    for (const m of marks) {
      if (m.line > line) break;
      name = m.name;
    }
    return name;
  }
}

function guessName(lines: string[], at: number): string {
  for (let i = at; i < Math.min(lines.length, at + 400); i++) {
    const m = /node_modules\/((?:@[\w.-]+\/)?[\w.-]+)/.exec(lines[i] as string);
    if (m) return `node_modules/${m[1] as string}`;
    if (i > at && /^\/\*\*\*\/ \d+:$/.test(lines[i] as string)) break;
  }
  return 'a bundled CommonJS module';
}

/** What a module is, for the step's own work. */
function partOf(module: string): string {
  if (/better-sqlite3|lib\/engine\/sqlite\//.test(module)) return 'sqlite';
  if (/lib\/engine\//.test(module)) return 'engine';
  if (/lib\/(store|action|api)\//.test(module)) return 'store/action';
  if (/@azure|@typespec|@actions|@octokit|@protobuf-ts|node_modules/.test(module)) return 'toolkit (@actions/*, Azure SDK)';
  if (/^node:/.test(module)) return 'node';
  return 'other';
}

const WINDOW_MS = 5;
const LOADING = /^(compileSourceTextModule|compileForInternalLoader|compileFunction|wrapSafe|link|instantiate|requireBuiltin|loadESM|moduleLoader|import|getModuleJob)$/;

export function summarizeProfile(file: string): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const modules = new ModuleMap();
  const categoryOf = new Map<number, [string, string]>();
  const classify = (id: number): [string, string] => {
    const known = categoryOf.get(id);
    if (known) return known;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push((byId.get(at) as ProfileNode).callFrame);
    const leaf = stack[0] as CallFrame;
    const fn = `${leaf.functionName || '(anonymous)'} ${modules.moduleAt(leaf.url, leaf.lineNumber)}:${leaf.lineNumber}`;
    let category: string;
    const inStep = stack.some((f) => /^(runAction|main|post)$/.test(f.functionName) && f.url.startsWith('file://'));
    if (leaf.functionName === '(idle)') category = 'idle (waiting: I/O, threads, network)';
    else if (leaf.functionName === '(garbage collector)') category = 'gc';
    else if (leaf.functionName === '(program)') category = 'native, unattributed';
    else if (stack.some((f) => LOADING.test(f.functionName) || f.url.startsWith('node:internal/modules/'))) category = 'module loading (read, compile)';
    else if (!inStep && stack.some((f) => f.functionName === '__nccwpck_require__' || (f.lineNumber === 0 && f.url.startsWith('file://')))) category = 'module evaluation';
    else {
      // The step's work: named by the innermost frame that is not Node's own.
      const own = stack.find((f) => f.url.startsWith('file://'));
      category = `work: ${own ? partOf(modules.moduleAt(own.url, own.lineNumber)) : partOf(leaf.url || 'node:')}`;
    }
    const r: [string, string] = [category, fn];
    categoryOf.set(id, r);
    return r;
  };
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  // The timeline: each 5 ms window named by the category it spent most in, equal neighbours merged.
  const windows: Map<string, number>[] = [];
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i] as number) / 1000;
    const [category, fn] = classify(p.samples[i] as number);
    byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
    if (category.startsWith('work')) byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    const w = (windows[Math.floor(t / WINDOW_MS)] ??= new Map());
    w.set(category, (w.get(category) ?? 0) + ms);
    t += ms;
  }
  const timeline: string[] = [];
  let current = '';
  let from = 0;
  for (let i = 0; i <= windows.length; i++) {
    const w = windows[i];
    const top = w ? [...w].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '' : '';
    if (top === current && i < windows.length) continue;
    if (current) timeline.push(`${from}–${i * WINDOW_MS} ms ${current}`);
    current = top;
    from = i * WINDOW_MS;
  }
  return {
    totalMs: (p.endTime - p.startTime) / 1000,
    byCategory,
    topFunctions: [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12),
    timeline,
    files: [...new Set(p.nodes.map((n) => n.callFrame.url).filter((u) => u.startsWith('file://')).map((u) => u.replace(/^.*\/(dist|lib|src)\//, '$1/')))].sort(),
  };
}
