// The offline guard: records every request of the page that leaves loopback (from launch on) and the
// last check, which fails if there was any.
import { page, step } from './harness.mjs';

export const external = [];

/** Starts recording; call right after launchBrowser(), before the first navigation. */
export function recordExternalRequests() {
  page.on('request', (r) => {
    const u = r.url();
    if (!/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:|vscode-|about:)/.test(u)) external.push(u);
  });
}

export async function offlineCheck() {
  await step('no requests outside loopback', async () => {
    if (external.length) throw new Error(`non-loopback requests: ${external.slice(0, 5).join(', ')}`);
  });
}
