// WhenQuiet (server/src/lsp/documents.ts): the language server's collection after edits runs once
// per burst of changes, when they have paused for the whole quiet time. The clock is injected, so
// the decisions do not depend on how late the (real, short) timers fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLLECT_AFTER_QUIET_MS, WhenQuiet } from '../../server/src/lsp/documents';

const QUIET = 10;
const tick = () => new Promise((resolve) => setTimeout(resolve, QUIET * 3));

function setup() {
  let now = 0;
  let runs = 0;
  const quiet = new WhenQuiet(() => runs++, QUIET, () => now);
  return { quiet, runs: () => runs, at: (t: number) => (now = t) };
}

test('runs once after a burst, only when the last change is quietMs old', async () => {
  const { quiet, runs, at } = setup();
  at(0);
  quiet.poke();
  at(5);
  quiet.poke();
  await tick(); // the timer fired: the clock says the last change is 0 ms old
  assert.equal(runs(), 0);
  at(14);
  await tick(); // 9 ms: still not quiet
  assert.equal(runs(), 0);
  at(15);
  await tick();
  assert.equal(runs(), 1);
  at(100);
  await tick(); // no change since: nothing more
  assert.equal(runs(), 1);
  quiet.dispose();
});

test('a change after the run starts a new burst; dispose cancels a waiting one', async () => {
  const { quiet, runs, at } = setup();
  at(0);
  quiet.poke();
  at(10);
  await tick();
  assert.equal(runs(), 1);
  at(20);
  quiet.poke();
  at(30);
  await tick();
  assert.equal(runs(), 2);
  quiet.poke();
  quiet.dispose();
  at(100);
  await tick();
  assert.equal(runs(), 2);
});

test('the server waits for the user to stop editing, not for a typing pause', () => {
  assert.ok(COLLECT_AFTER_QUIET_MS >= 5000);
});
