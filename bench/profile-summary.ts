/**
 * Reads V8 `.cpuprofile` files (from `BENCH_CPU_PROF=<dir>`, one per thread) and sums self time by library or
 * stage (PGlite, drizzle, undici, html-to-text, rss-parser, matcher, …), optionally inside time windows,
 * with the top functions. Run alone: `npx tsx bench/profile-summary.ts <dir>`.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A time window on CLOCK_MONOTONIC µs, the clock V8 stamps samples with. */
export interface ProfileWindow {
  label: string;
  fromUs: number;
  toUs: number;
}

const CATEGORIES: [string, RegExp][] = [
  ['PGlite (wasm + js)', /pglite|^wasm:/],
  ['drizzle-orm', /drizzle-orm/],
  ['pg driver', /node_modules\/pg(-[a-z]+)?\//],
  ['undici / fetch', /undici/],
  ['html-to-text', /html-to-text|htmlparser2|domhandler|selderee|parseley|dom-serializer|\/entities\//],
  ['rss-parser / xml2js / sax', /rss-parser|xml2js|sax\//],
  ['piscina / worker glue', /piscina|parse-worker|parse-in-worker|worker_threads|internal\/worker/],
  ['match: story grouping (stories.ts)', /src\/match\/stories\.ts/],
  ['match: analyze (other src/match)', /src\/match\//],
  ['normalize (src/ingest/normalize)', /src\/ingest\/normalize\//],
  ['other src (ingest, db, deliver)', /\/src\//],
  ['pino logging', /pino|sonic-boom/],
  ['tsx / esbuild loader', /tsx|esbuild/],
  ['node internals', /^node:/],
];

function category(url: string, name: string): string {
  // A piscina thread waiting for its next task spins in Atomics.wait: that is idle time too.
  if (name === '(idle)' || name === 'atomicsWaitLoop') return 'idle';
  if (name === '(garbage collector)') return 'GC';
  if (name === '(program)') return 'V8 / native (program)';
  for (const [label, pattern] of CATEGORIES) if (pattern.test(url)) return label;
  if (!url && name.startsWith('RegExp:')) return 'regexp (native)';
  return url ? 'other js' : 'native (fs, buffers, wasm glue)';
}

/** Self time (ms) by category and by function for the samples inside [fromUs, toUs). */
function tally(profile: CpuProfile, fromUs = -Infinity, toUs = Infinity) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < fromUs || t >= toUs) continue;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = frames.get(profile.samples[i]!);
    if (!frame) continue;
    const label = category(frame.url, frame.functionName);
    byCategory.set(label, (byCategory.get(label) ?? 0) + ms);
    if (label === 'idle') continue;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/[^/]+\//, '').replace(/^file:\/\//, '');
    const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  return { byCategory, byFunction };
}

function render(title: string, { byCategory, byFunction }: ReturnType<typeof tally>, top: number): string[] {
  const idle = byCategory.get('idle') ?? 0;
  const busy = [...byCategory].reduce((sum, [label, ms]) => (label === 'idle' ? sum : sum + ms), 0);
  const lines = [`${title}: ${(busy / 1000).toFixed(1)} s busy, ${(idle / 1000).toFixed(1)} s idle`];
  for (const [label, ms] of [...byCategory].sort((a, b) => b[1] - a[1])) {
    if (label === 'idle' || ms / busy < 0.005) continue;
    lines.push(`    ${label.padEnd(38)} ${(ms / 1000).toFixed(2).padStart(8)} s  ${((ms / busy) * 100).toFixed(1).padStart(5)}%`);
  }
  lines.push('    top functions (self time):');
  for (const [fn, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`      ${(ms / 1000).toFixed(2).padStart(7)} s  ${fn.slice(0, 120)}`);
  }
  return lines;
}

const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;

/**
 * The profiles of process `pid` in `dir`: its main thread per window, then its other threads (the parse pool)
 * added together.
 */
export function summarizeProcess(dir: string, pid: number, windows: ProfileWindow[]): string[] {
  // Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread.
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid));
  const main = files.find((f) => f.split('.')[4] === '0');
  const lines: string[] = [];
  if (main) {
    const profile = load(join(dir, main));
    for (const w of windows) lines.push(...render(`  main thread, ${w.label}`, tally(profile, w.fromUs, w.toUs), 12));
  }
  const threads = files.filter((f) => f !== main);
  if (threads.length > 0) {
    const merged = { byCategory: new Map<string, number>(), byFunction: new Map<string, number>() };
    for (const file of threads) {
      const part = tally(load(join(dir, file)), windows[0]?.fromUs, windows[windows.length - 1]?.toUs);
      for (const [k, v] of part.byCategory) merged.byCategory.set(k, (merged.byCategory.get(k) ?? 0) + v);
      for (const [k, v] of part.byFunction) merged.byFunction.set(k, (merged.byFunction.get(k) ?? 0) + v);
    }
    lines.push(...render(`  ${threads.length} other threads (parse pool, module loader), whole cycle`, merged, 6));
  }
  return lines;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: tsx bench/profile-summary.ts <dir with .cpuprofile files>');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    console.log(render(file, tally(load(join(dir, file))), 15).join('\n'));
  }
}
