// mapLimit: Promise.all with a bound on the calls in flight (live lenses, live baseline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapLimit } from '../../client/src/cluster/concurrency';

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A mapper that records how many of its calls run at once. */
function gauge() {
  const g = { running: 0, max: 0, started: [] as number[] };
  const run = async <T>(i: number, ms: number, value: T): Promise<T> => {
    g.started.push(i);
    g.max = Math.max(g.max, ++g.running);
    try {
      await tick(ms);
      return value;
    } finally {
      g.running--;
    }
  };
  return { g, run };
}

test('mapLimit keeps the items order whatever order the calls finish in', async () => {
  const items = [50, 5, 30, 1, 20, 10, 0, 40];
  const out = await mapLimit(items, 3, async (ms, i) => (await tick(ms), `${i}:${ms}`));
  assert.deepEqual(out, items.map((ms, i) => `${i}:${ms}`));
  assert.deepEqual(await mapLimit([], 3, async () => 1), []);
});

test('mapLimit never runs more than the limit at once, and reaches it', async () => {
  for (const limit of [1, 2, 6]) {
    const { g, run } = gauge();
    const out = await mapLimit(Array.from({ length: 20 }, (_, i) => i), limit, (i) => run(i, 1 + ((i * 7) % 5), i * 2));
    assert.equal(g.max, limit, `limit ${limit}`);
    assert.equal(g.running, 0);
    assert.deepEqual(g.started, Array.from({ length: 20 }, (_, i) => i), 'started in order, each once');
    assert.deepEqual(out, Array.from({ length: 20 }, (_, i) => i * 2));
  }
  assert.throws(() => mapLimit([1], 0, async (x) => x), RangeError);
});

test('mapLimit stops starting work when the signal aborts, and rejects with its reason', async () => {
  const { g, run } = gauge();
  const controller = new AbortController();
  const done = mapLimit(Array.from({ length: 30 }, (_, i) => i), 4, (i) => run(i, 20, i), controller.signal);
  await tick(30); // the first 4 have finished, the next 4 are running
  controller.abort(new Error('superseded'));
  await assert.rejects(done, /superseded/);
  const startedAtAbort = g.started.length;
  assert.ok(startedAtAbort >= 4 && startedAtAbort < 30, `started ${startedAtAbort}`);
  await tick(80);
  assert.equal(g.started.length, startedAtAbort, 'nothing started after the abort');

  let calls = 0;
  await assert.rejects(mapLimit([1, 2], 2, async (x) => (calls++, x), AbortSignal.abort()), { name: 'AbortError' });
  assert.equal(calls, 0, 'an aborted signal starts nothing');
});

test('mapLimit rejects with the first rejection, like Promise.all, and starts nothing more', async () => {
  const { g, run } = gauge();
  const done = mapLimit(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
    if (i === 4) {
      await tick(5);
      throw new Error('item 4 failed');
    }
    if (i === 5) {
      await tick(50);
      throw new Error('item 5 failed later');
    }
    return run(i, 10, i);
  });
  await assert.rejects(done, /item 4 failed/);
  const started = g.started.length;
  await tick(50);
  assert.equal(g.started.length, started, 'nothing started after the rejection');
  assert.ok(started < 19, `started ${started}`);
  await assert.rejects(mapLimit([1, 2, 3], 2, (x) => (x === 2 ? Promise.reject(new Error('two')) : tick(30).then(() => x))), /two/);
  await assert.rejects(
    mapLimit([1], 1, () => {
      throw new Error('sync throw');
    }),
    /sync throw/,
  );
});
