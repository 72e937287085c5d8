/**
 * Progress of long CLI work (rematch, a first poll of many feeds): a bar with counts and an ETA on a terminal
 * (cli-progress), a line every few seconds otherwise, so a log or CI output shows it is moving. Written to
 * stderr: stdout stays the command's answer (`--json`).
 * @module
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** `done` of the total are finished. */
  update(done: number): void;
  stop(): void;
}

/** How often a line is written when stderr is not a terminal. */
const LINE_EVERY_MS = 5_000;

export function createProgress(label: string, unit: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (total <= 0) return { update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {value}/{total} ${unit} · {percentage}% · ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  const started = Date.now();
  let lastLine = started;
  return {
    update(done) {
      const now = Date.now();
      if (now - lastLine < LINE_EVERY_MS || done >= total) return;
      lastLine = now;
      const etaS = Math.round(((now - started) / Math.max(done, 1)) * (total - done) / 1000);
      stream.write(`${label}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit} (${Math.floor((100 * done) / total)}%), about ${etaS} s left\n`);
    },
    stop() {},
  };
}
