// Injected into the browser build: setImmediate, which the server uses to yield one turn of the
// event loop (a burst of edits checked once; warm-up steps between requests). A MessageChannel
// task, not setTimeout(0), which browsers clamp to 4 ms once nested.
type Task = () => void;
const queue: Task[] = [];
const channel = new MessageChannel();
// The root tsconfig types MessagePort as Node's; in the browser it is the DOM's, with onmessage.
(channel.port1 as unknown as { onmessage: () => void }).onmessage = () => queue.shift()?.();
const g = globalThis as { setImmediate?: (fn: (...args: unknown[]) => void, ...args: unknown[]) => unknown };
g.setImmediate ??= (fn, ...args) => {
  queue.push(() => fn(...args));
  channel.port2.postMessage(0);
  return queue.length;
};
