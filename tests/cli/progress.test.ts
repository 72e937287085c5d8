/** Progress of long CLI work as a log or CI sees it (not a terminal): a line every few seconds with count and ETA. */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

function captured(isTTY: boolean): { stream: NodeJS.WriteStream; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  stream.isTTY = isTTY;
  return { stream, lines };
}

describe('createProgress off a terminal', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T12:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('writes a line with the count, the share and the time left every five seconds, and nothing once done', () => {
    const { stream, lines } = captured(false);
    const progress = createProgress('rematch', 'articles', 10_000, stream);
    progress.update(200);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(5_000);
    progress.update(2_500);
    expect(lines).toEqual(['rematch: 2,500/10,000 articles (25%), about 15 s left\n']);
    vi.advanceTimersByTime(1_000);
    progress.update(3_000);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(5_000);
    progress.update(10_000);
    progress.stop();
    expect(lines).toHaveLength(1);
  });

  it('says nothing about empty work', () => {
    const { stream, lines } = captured(false);
    const progress = createProgress('poll', 'feeds', 0, stream);
    progress.update(0);
    progress.stop();
    expect(lines).toEqual([]);
  });
});
