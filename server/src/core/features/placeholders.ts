/**
 * Examples and templates mark what the user must fill in with `<angle-bracket>` placeholders
 * (`name: rook-ceph-cleanup-<node-hostname>`, `endpoint: <endpoint>`). Such a value is refused
 * as written, but it is a to-do, not a mistake in the manifest's structure: an error on it
 * becomes a warning that says so.
 */
const PLACEHOLDER = /<[A-Za-z][\w .-]*>/;

/** The placeholder in the value a finding marks, if the value holds one. */
export function placeholderIn(text: string, start: number, end: number): string | undefined {
  if (end - start > 500) return undefined;
  return PLACEHOLDER.exec(text.slice(start, end))?.[0];
}

export function asPlaceholderWarning(message: string, placeholder: string): string {
  return `${message} (${placeholder} looks like a placeholder: replace it before applying)`;
}
