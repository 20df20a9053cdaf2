// BaselineLoader (server/src/lsp/baseline-loader.ts): one git load at a time, the newest request wins,
// and no request is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BaselineLoader } from '../../server/src/lsp/baseline-loader';
import type { Baseline } from '../../server/src/core/immutable/baseline';
import { settle } from './fake-clock';

/** A baseline that says which load produced it. */
const baselineOf = (label: string): Baseline => ({ label, find: () => undefined }) as unknown as Baseline;

function loader() {
  const loads: { ref: string; resolve: (b: Baseline | undefined) => void; reject: (e: Error) => void }[] = [];
  const applied: (string | undefined)[] = [];
  const load = (_cwd: string, ref: string) => new Promise<Baseline | undefined>((resolve, reject) => loads.push({ ref, resolve, reject }));
  const l = new BaselineLoader(load, (b) => applied.push(b ? (b as unknown as { label: string }).label : undefined));
  return { loads, applied, loader: l };
}

test('a reload requested during a load runs after it, and its result wins', async () => {
  const { loads, applied, loader: l } = loader();
  l.request({ cwd: '/repo', ref: 'HEAD' });
  l.request({ cwd: '/repo', ref: 'main' });
  assert.deepEqual(loads.map((x) => x.ref), ['HEAD'], 'one load at a time');
  loads[0].resolve(baselineOf('first'));
  await settle();
  assert.deepEqual(applied, [], 'the superseded load is discarded');
  assert.deepEqual(loads.map((x) => x.ref), ['HEAD', 'main'], 'the second request is not dropped');
  loads[1].resolve(baselineOf('second'));
  await settle();
  assert.deepEqual(applied, ['second']);
});

test('of three requests during a load, only the newest runs next', async () => {
  const { loads, applied, loader: l } = loader();
  l.request({ cwd: '/repo', ref: 'a' });
  l.request({ cwd: '/repo', ref: 'b' });
  l.request({ cwd: '/repo', ref: 'c' });
  loads[0].resolve(baselineOf('a'));
  await settle();
  assert.deepEqual(loads.map((x) => x.ref), ['a', 'c']);
  loads[1].resolve(baselineOf('c'));
  await settle();
  assert.deepEqual(applied, ['c']);
});

test('asking for no baseline clears it at once and discards the load in flight', async () => {
  const { loads, applied, loader: l } = loader();
  l.request({ cwd: '/repo', ref: 'HEAD' });
  l.request(undefined);
  assert.deepEqual(applied, [undefined]);
  loads[0].resolve(baselineOf('late'));
  await settle();
  assert.deepEqual(applied, [undefined]);
  assert.equal(loads.length, 1);
});

test('a failed load is no baseline, and the loader takes the next request', async () => {
  const { loads, applied, loader: l } = loader();
  l.request({ cwd: '/repo', ref: 'HEAD' });
  loads[0].reject(new Error('git failed'));
  await settle();
  assert.deepEqual(applied, [undefined]);
  l.request({ cwd: '/repo', ref: 'HEAD' });
  assert.equal(loads.length, 2);
  loads[1].resolve(baselineOf('again'));
  await settle();
  assert.deepEqual(applied, [undefined, 'again']);
});
