// The text of "Kubesight: Report a Problem": versions, the settings that change behaviour, the
// cluster view's state and the end of the extension's log. It is built to be pasted into a public
// issue, so it never holds file contents, secret values, kubeconfig paths, context names or server
// addresses: settings are reduced to what they decide, and log lines are scrubbed (redactLogLine).
// Plain module (no vscode): the facts come from client/src/report-problem.ts.

export interface ReportFacts {
  extensionVersion: string;
  vscodeVersion: string;
  appHost: string;
  uiKind: string;
  remoteName?: string;
  platform: string;
  arch: string;
  osRelease: string;
  nodeVersion: string;
  trusted: boolean;
  clusterViewState: string;
  contextCount: number;
  settings: Record<string, unknown>;
  log: string;
}

/** At most this many of the log's last lines go into a report. */
export const LOG_LINES = 200;

/** Settings whose value is a path or a list of names: only whether they are set goes in. */
const SETTINGS_SHOWN_AS_SET = new Set(['kubeconfig', 'cluster.readOnlyContexts', 'immutable.against']);

export function settingsForReport(settings: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => {
      if (!SETTINGS_SHOWN_AS_SET.has(key)) return [key, value];
      const set = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '' && value !== null;
      return [key, set ? '(set)' : '(not set)'];
    }),
  );
}

const REDACTIONS: [RegExp, string][] = [
  // key: value / key=value pairs whose value is a credential
  [/\b(password|passwd|token|secret|apikey|api_key|authorization|bearer|client-key-data|client-certificate-data|certificate-authority-data)(["']?\s*[:=]\s*)\S+/gi, '$1$2‹redacted›'],
  // URLs with a host other than loopback: cluster addresses are the user's business
  [/\bhttps?:\/\/(?!127\.0\.0\.1|localhost)[^\s"')]+/gi, '‹url›'],
  // long base64 or hex runs: Secret data, tokens, certificates
  [/[A-Za-z0-9+/_-]{32,}={0,2}/g, '‹redacted›'],
  // home folders in paths: user names
  [/\/(home|Users)\/[^/\s]+/g, '/$1/‹user›'],
];

export function redactLogLine(line: string): string {
  return REDACTIONS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), line);
}

/** The last lines of the log, scrubbed; lines quoting a document (YAML after a `|` or a `text`) are dropped. */
export function logForReport(log: string, max = LOG_LINES): string[] {
  return log
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .filter((l) => !/"text"\s*:/.test(l))
    .slice(-max)
    .map(redactLogLine);
}

export function problemReport(facts: ReportFacts): string {
  const log = logForReport(facts.log);
  return [
    '# Kubesight problem report',
    '',
    '<!-- Describe what you did, what you expected and what happened. This report holds no file contents or secret values; read it before you share it. -->',
    '',
    '## Versions',
    `- Kubesight ${facts.extensionVersion}`,
    `- VS Code ${facts.vscodeVersion} (${facts.appHost}, ${facts.uiKind}${facts.remoteName ? `, remote: ${facts.remoteName}` : ''})`,
    `- ${facts.platform} ${facts.arch} ${facts.osRelease}, Node.js ${facts.nodeVersion} (extension host)`,
    '',
    '## State',
    `- workspace trusted: ${facts.trusted ? 'yes' : 'no'}`,
    `- Clusters view: ${facts.clusterViewState}, ${facts.contextCount} context(s) in the kubeconfig`,
    '',
    '## Settings (kubesight.*)',
    '```json',
    JSON.stringify(settingsForReport(facts.settings), null, 2),
    '```',
    '',
    `## Log (last ${log.length} lines, scrubbed)`,
    '```',
    ...log,
    '```',
    '',
  ].join('\n');
}
