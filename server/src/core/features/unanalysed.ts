import type { Finding } from '../findings';

/** An open document larger than this is not analysed: a generated dump, not a manifest someone edits. */
export const MAX_ANALYSED_BYTES = 5 * 1024 * 1024;

/** The one finding of a file that is not analysed, at its start (the CLI says the same). */
export function tooLargeFinding(): Finding {
  return { ruleId: 'yaml-syntax', severity: 'info', message: `file is larger than ${MAX_ANALYSED_BYTES / 1024 / 1024} MB; not analysed`, start: 0, end: 0 };
}
