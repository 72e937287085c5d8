import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/db/group-commit.js';

/** A write that records each batch it is given and takes a turn of the event loop, as a database would. */
function recordingWrite(fails: (input: number) => boolean = () => false) {
  const batches: number[][] = [];
  const write = async (inputs: number[]) => {
    batches.push(inputs);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (inputs.some(fails)) throw new Error(`bad input in ${inputs.join(',')}`);
    return inputs.map((input) => input * 10);
  };
  return { batches, write };
}

describe('group commit', () => {
  it('writes the calls made within the linger together, each getting its own output', async () => {
    const { batches, write } = recordingWrite();
    const commit = createGroupCommit(write, { maxBatch: 64, lingerMs: 20 });
    const early = [commit(1), commit(2)];
    await new Promise((resolve) => setTimeout(resolve, 5));
    const outputs = await Promise.all([...early, commit(3), commit(4)]);
    expect(outputs).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
    // A call alone is written once the linger is over.
    expect(await commit(5)).toBe(50);
    expect(batches).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('caps a batch at maxBatch', async () => {
    const { batches, write } = recordingWrite();
    const commit = createGroupCommit(write, { maxBatch: 2, lingerMs: 10_000 });
    // Full batches do not wait for the linger; the last, partial one does (10 s here, so it is not awaited).
    const settled = [1, 2, 3, 4].map((input) => commit(input));
    expect(await Promise.all(settled)).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2], [3, 4]]);
  });

  it('does not linger once every call in flight is waiting', async () => {
    const { batches, write } = recordingWrite();
    const commit = createGroupCommit(write, { maxBatch: 64, lingerMs: 10_000, inFlight: () => 3 });
    expect(await Promise.all([commit(1), commit(2), commit(3)])).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('fails only the bad call of a failed batch: the others are written again one by one', async () => {
    const { batches, write } = recordingWrite((input) => input === 3);
    const commit = createGroupCommit(write, { maxBatch: 64, lingerMs: 5 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((input) => commit(input)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ value: 20 });
    expect(batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
    // Still usable afterwards.
    expect(await commit(5)).toBe(50);
  });
});
