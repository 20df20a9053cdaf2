// The Scheduler (server/src/lsp/scheduler.ts) under a fake clock: what is published in which turn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AFTER_SCAN_MS, DEPENDENT_SLICE, SCAN_SLICE_MS, Scheduler } from '../../server/src/lsp/scheduler';
import { FakeClock, settle } from './fake-clock';

function scheduler() {
  const clock = new FakeClock();
  const published: string[] = [];
  return { clock, published, scheduler: new Scheduler((uri) => published.push(uri), clock) };
}

test('nothing is published before the first settings; then everything waiting, once, in the next turn', () => {
  const { clock, published, scheduler: s } = scheduler();
  s.schedule(['a', 'b']);
  s.schedule(['a']);
  assert.equal(clock.queued, 0);
  s.settingsArrived();
  assert.deepEqual(published, []);
  clock.runTurns();
  assert.deepEqual(published, ['a', 'b']);
  clock.runTurns();
  assert.deepEqual(published, ['a', 'b']);
  assert.equal(clock.queued, 0);
});

test('dependents follow the edited files, a slice per turn, and an edit in between goes first', () => {
  const { clock, published, scheduler: s } = scheduler();
  s.settingsArrived();
  const dependents = Array.from({ length: DEPENDENT_SLICE + 4 }, (_, i) => `dep${i}`);
  s.schedule(['edited'], ['edited', ...dependents]);
  clock.runTurns();
  assert.deepEqual(published, ['edited']);
  clock.runTurns();
  assert.deepEqual(published.slice(1), dependents.slice(0, DEPENDENT_SLICE));
  s.schedule(['dep18']);
  clock.runTurns();
  assert.deepEqual(published.slice(1 + DEPENDENT_SLICE), ['dep18']);
  clock.runTurns();
  assert.deepEqual(published.slice(2 + DEPENDENT_SLICE), ['dep16', 'dep17', 'dep19']);
  assert.equal(clock.queued, 0);
});

test('busy: while a file waits, or a scan is expected or running; not while waiting for settings only', async () => {
  const { clock, scheduler: s } = scheduler();
  s.schedule(['a']);
  assert.equal(s.busy, false);
  s.settingsArrived();
  assert.equal(s.busy, true);
  clock.runTurns();
  assert.equal(s.busy, false);
  s.scanExpected();
  assert.equal(s.busy, true);
  const read: string[] = [];
  const scan = s.scan(['x'], (item) => read.push(item));
  assert.deepEqual(read, ['x']);
  clock.runTurns();
  await scan;
  assert.equal(s.busy, false);
});

test('the folder scan reads a slice of SCAN_SLICE_MS per turn', async () => {
  const { clock, scheduler: s } = scheduler();
  const items = Array.from({ length: 10 }, (_, i) => i);
  const slices: number[][] = [[]];
  // Each read takes a quarter of a slice: four per turn.
  let done = false;
  const scan = s.scan(items, (i) => {
    slices[slices.length - 1].push(i);
    clock.time += SCAN_SLICE_MS / 4;
  }).then(() => (done = true));
  while (!done) {
    slices.push([]);
    clock.runTurns();
    await settle();
  }
  await scan;
  assert.deepEqual(slices.filter((x) => x.length > 0), [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
});

test('the work a scan leaves runs after the next publish, or after AFTER_SCAN_MS without one, once', () => {
  const { clock, published, scheduler: s } = scheduler();
  s.settingsArrived();
  const runs: string[] = [];
  s.afterNextPublish(() => runs.push(`after ${published.length}`));
  s.schedule(['open']);
  assert.deepEqual(runs, []);
  clock.runTurns();
  assert.deepEqual(runs, ['after 1']);
  clock.advance(AFTER_SCAN_MS);
  assert.deepEqual(runs, ['after 1']);

  let timed = 0;
  s.afterNextPublish(() => timed++);
  clock.advance(AFTER_SCAN_MS - 1);
  assert.equal(timed, 0);
  clock.advance(1);
  assert.equal(timed, 1);
});
