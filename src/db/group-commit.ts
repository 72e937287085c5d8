/**
 * Group commit: calls wait up to `lingerMs` (or until `maxBatch` are waiting) and are written together,
 * so a busy pipeline writes many feeds in one transaction. On PGlite a statement runs on the main thread
 * and costs about as much for one feed as for thirty: while it runs nothing else can queue a write, so
 * without the wait batches stay at one.
 * @module
 */

export interface GroupCommitOptions {
  maxBatch: number;
  lingerMs: number;
  /** How many callers could still join the batch (calls in flight); once all are waiting, no need to linger. */
  inFlight?(): number;
  /** Told when a batch failed, before its calls are written again one by one. */
  onBatchError?(error: unknown, size: number): void;
}

/**
 * Wraps `write` (inputs in, one output per input, in order) so that each call joins the next batch. When a
 * batch fails, its inputs are written again one by one, so one bad input (or a deadlock with another
 * worker) fails only its own call.
 */
export function createGroupCommit<I, O>(write: (inputs: I[]) => Promise<O[]>, options: GroupCommitOptions): (input: I) => Promise<O> {
  const queue: { input: I; resolve(output: O): void; reject(error: unknown): void }[] = [];
  let writing = false;
  let timer: NodeJS.Timeout | null = null;

  const writeOne = async (call: (typeof queue)[number]) => {
    try {
      const [output] = await write([call.input]);
      call.resolve(output!);
    } catch (error) {
      call.reject(error);
    }
  };

  async function writeBatch(): Promise<void> {
    writing = true;
    const batch = queue.splice(0, options.maxBatch);
    if (batch.length === 1) {
      await writeOne(batch[0]!);
    } else {
      try {
        const outputs = await write(batch.map((call) => call.input));
        batch.forEach((call, i) => call.resolve(outputs[i]!));
      } catch (error) {
        options.onBatchError?.(error, batch.length);
        for (const call of batch) await writeOne(call);
      }
    }
    writing = false;
    schedule();
  }

  function schedule(): void {
    if (writing || queue.length === 0) return;
    if (queue.length >= options.maxBatch || (options.inFlight && queue.length >= options.inFlight())) {
      if (timer) clearTimeout(timer);
      timer = null;
      void writeBatch();
    } else {
      timer ??= setTimeout(() => {
        timer = null;
        if (!writing) void writeBatch();
      }, options.lingerMs);
    }
  }

  return (input) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      schedule();
    });
}
