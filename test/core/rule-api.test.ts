// Rule API v2: names (ids, categories, former ids) in configs and disable comments, options,
// message ids, docs links, the document context and the internal-error sink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../../server/src/core/config';
import { diagnoseFile } from '../../server/src/core/features/diagnostics';
import { parseFile } from '../../server/src/core/model/parse';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { ALL_RULES, RULE_NAMES } from '../../server/src/core/rules';
import { documentRule, type DocumentContext } from '../../server/src/core/rules/rule';
import { ruleDocsUrl } from '../../server/src/core/rules/ids';
import { configFileReports } from '../../server/src/core/rules/config-file';
import { optionProblems, resolveOptions } from '../../server/src/core/rules/options';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { formatSarif } from '../../server/src/cli/format/sarif';
import { renderRulesDoc } from '../../scripts/rules-doc';

const catalog = bundledCatalog();
const BEST_PRACTICE = ['best-practice/privileged', 'best-practice/readiness-probe', 'best-practice/resource-requests'];

/** A Deployment with one container that each best-practice rule reports, and an image without tag. */
const deployment = (comment = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
${comment ? `        ${comment}\n` : ''}        - name: web
          image: nginx
          securityContext:
${comment ? `            ${comment}\n` : ''}            privileged: true
`;

function ids(text: string, config: Config = DEFAULT_CONFIG): string[] {
  return [...new Set(diagnoseFile(parseFile(text), { catalog, config }).map((f) => `${f.severity} ${f.ruleId}`))].sort();
}

const config = (rules: Record<string, unknown>) => mergeConfig(DEFAULT_CONFIG, { rules });

test('the former id in a config turns off (or up) every rule split from it', () => {
  assert.deepEqual(ids(deployment()).filter((i) => i.includes('best-practice')), BEST_PRACTICE.map((id) => `info ${id}`));
  assert.deepEqual(ids(deployment(), config({ 'workload-best-practice': 'off' })).filter((i) => i.includes('best-practice')), []);
  assert.deepEqual(ids(deployment(), config({ 'workload-best-practice': 'warning' })).filter((i) => i.includes('best-practice')), BEST_PRACTICE.map((id) => `warning ${id}`));
});

test('a category turns its family off; the most specific name wins whatever the layer', () => {
  assert.deepEqual(ids(deployment(), config({ 'best-practice/*': 'off' })).filter((i) => i.includes('best-practice')), []);
  const fileLayer = config({ 'best-practice/privileged': 'error' });
  const editorLayer = mergeConfig(fileLayer, { rules: { 'best-practice/*': 'off' } });
  assert.deepEqual(ids(deployment(), editorLayer).filter((i) => i.includes('best-practice')), ['error best-practice/privileged']);
  assert.deepEqual(ids(deployment(), config({ 'workload-best-practice': 'off', 'best-practice/readiness-probe': 'warning' })).filter((i) => i.includes('best-practice')), ['warning best-practice/readiness-probe']);
});

test('a disable comment naming the former id or the category suppresses every rule of it, and is not called unused', () => {
  for (const name of ['workload-best-practice', 'best-practice/*']) {
    const found = ids(deployment(`# kubesight-disable-next-line ${name}`));
    assert.deepEqual(found.filter((i) => /best-practice|disable-comment/.test(i)), [], name);
  }
  // The comment above the container's name has no privileged finding to suppress there: unused.
  assert.deepEqual(ids(deployment('# kubesight-disable-next-line best-practice/privileged')).filter((i) => /best-practice|disable-comment/.test(i)), ['info best-practice/readiness-probe', 'info best-practice/resource-requests', 'info disable-comment']);
  const file = `# kubesight-disable-file workload-best-practice\n${deployment()}`;
  assert.deepEqual(ids(file).filter((i) => /best-practice|disable-comment/.test(i)), []);
  // Nothing to suppress: judged unused, as an exact id would be.
  assert.deepEqual(ids(`# kubesight-disable-file best-practice/*\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n`), ['info disable-comment']);
  assert.deepEqual(ids(deployment('# kubesight-disable-next-line best-practise/*')).filter((i) => i.includes('disable-comment')), ['warning disable-comment']);
});

test('--rule and .kubesight.yaml know the same names: ids, categories and former ids', () => {
  for (const name of ['best-practice/privileged', 'best-practice/*', 'workload-best-practice', 'image-tag']) assert.ok(RULE_NAMES.known.includes(name), name);
  assert.deepEqual([...RULE_NAMES.idsOf('workload-best-practice')].sort(), BEST_PRACTICE);
  const known = { names: RULE_NAMES.known, rules: ALL_RULES };
  assert.deepEqual(configFileReports('rules:\n  workload-best-practice: off\n  best-practice/*: warning\n', known), []);
  assert.deepEqual(configFileReports('rules:\n  best-practise/*: off\n', known).map((r) => r.message), ['definition for rule "best-practise/*" was not found (did you mean "best-practice/*"?); the setting has no effect']);
});

test('image-tag allow-list: names and prefixes may go unpinned; others still warn', () => {
  const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: p\n      image: ${image}\n`;
  const allow = config({ 'image-tag': { severity: 'warning', options: { allow: ['busybox', 'registry.local/dev/*'] } } });
  assert.deepEqual(ids(pod('busybox'), allow).filter((i) => i.includes('image-tag')), []);
  assert.deepEqual(ids(pod('registry.local/dev/tools:latest'), allow).filter((i) => i.includes('image-tag')), []);
  assert.deepEqual(ids(pod('busybox-extra'), allow).filter((i) => i.includes('image-tag')), ['warning image-tag']);
  assert.deepEqual(ids(pod('registry.local/prod/app'), allow).filter((i) => i.includes('image-tag')), ['warning image-tag']);
  // An invalid value falls back to the default (nothing allowed) at run time.
  assert.deepEqual(ids(pod('busybox'), config({ 'image-tag': { options: { allow: 'busybox' } } })).filter((i) => i.includes('image-tag')), ['warning image-tag']);
});

test('options are validated like ESLint meta.schema: .kubesight.yaml says what is wrong, with the option named', () => {
  const known = { names: RULE_NAMES.known, rules: ALL_RULES };
  const text = 'rules:\n  image-tag:\n    severity: warn\n    options: {allow: latest, alow: [x]}\n  best-practice/*:\n    options: {require: [cpu]}\n  best-practice/resource-requests:\n    options: {require: [gpu]}\n';
  const messages = configFileReports(text, known).map((r) => `${text.slice(r.range![0], r.range![1])}: ${r.message}`);
  assert.deepEqual(messages, [
    'warn: rules.image-tag: Unsupported value: "warn": supported values: "off", "error", "warning", "info" (did you mean "warning"?)',
    'latest: rules.image-tag.options.allow: Invalid value: "latest": expected a list of strings; the setting has no effect',
    'alow: rules.image-tag.options.alow: unknown option; known: allow (did you mean "allow"?); the setting has no effect',
    'options: rules.best-practice/*: options are set per rule id, and "best-practice/*" names several rules; the options have no effect',
    '[gpu]: rules.best-practice/resource-requests.options.require: Invalid value: ["gpu"]: "gpu" is not one of "cpu", "memory", "ephemeral-storage"; the setting has no effect',
  ]);
  const spec = { n: { type: 'integer', default: 2, minimum: 1, description: 'n' } } as const;
  assert.deepEqual(optionProblems(spec, { n: 0 }, 'o').map((p) => p.message), ['o.n: Invalid value: 0: must be greater than or equal to 1']);
  assert.deepEqual(resolveOptions(spec, { n: 0 }), { n: 2 });
  assert.deepEqual(resolveOptions(spec, { n: 5 }), { n: 5 });
});

test('best-practice options: resources to require, workload kinds that need a readiness probe', () => {
  const text = deployment().replace('          securityContext:\n            privileged: true\n', '          readinessProbe: {tcpSocket: {port: 80}}\n          resources:\n            requests: {cpu: 10m}\n');
  const messages = (c: Config) => diagnoseFile(parseFile(text), { catalog, config: c }).filter((f) => f.ruleId.startsWith('best-practice')).map((f) => f.message);
  assert.deepEqual(messages(DEFAULT_CONFIG), []);
  assert.deepEqual(messages(config({ 'best-practice/resource-requests': { options: { require: ['cpu', 'memory'] } } })), ['container "web" requests no memory']);
  const noProbe = deployment().replace('          securityContext:\n            privileged: true\n', '          resources:\n            requests: {cpu: 10m}\n');
  const probe = (c: Config) => diagnoseFile(parseFile(noProbe), { catalog, config: c }).filter((f) => f.ruleId === 'best-practice/readiness-probe').length;
  assert.equal(probe(DEFAULT_CONFIG), 1);
  assert.equal(probe(config({ 'best-practice/readiness-probe': { options: { kinds: ['apps/StatefulSet'] } } })), 0);
});

test('findings carry their message id; SARIF lists the message strings and each rule\'s help link', () => {
  const findings = diagnoseFile(parseFile(deployment()), { catalog, config: DEFAULT_CONFIG });
  const tag = findings.find((f) => f.ruleId === 'image-tag')!;
  assert.equal(tag.messageId, 'noTag');
  assert.equal(tag.message, 'image "nginx" has no tag, so it means :latest; pin a version');
  const sarif = JSON.parse(formatSarif([{ filePath: 'd.yaml', findings: [tag], lines: parseFile(deployment()).lines } as never], ALL_RULES, '0')) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; messageStrings?: Record<string, { text: string }> }[] } }; results: { message: { id?: string } }[] }[] };
  const rule = sarif.runs[0].tool.driver.rules.find((r) => r.id === 'image-tag')!;
  assert.equal(rule.helpUri, 'https://github.com/kubesight/kubesight/blob/main/docs/rules.md#image-tag');
  assert.equal(rule.messageStrings?.noTag.text, 'image "{image}" has no tag, so it means :latest; pin a version{why}');
  assert.equal(sarif.runs[0].results[0].message.id, 'noTag');
});

test('every diagnostic links to its rule\'s section of docs/rules.md (codeDescription), an anchor the document has', () => {
  const doc = renderRulesDoc();
  const diagnostic = toDiagnostic(parseFile('a: 1\n').lines, { ruleId: 'best-practice/privileged', severity: 'info', message: 'm', start: 0, end: 1 });
  assert.equal(diagnostic.codeDescription?.href, 'https://github.com/kubesight/kubesight/blob/main/docs/rules.md#best-practiceprivileged');
  for (const { meta } of ALL_RULES) {
    const anchor = ruleDocsUrl(meta.id).split('#')[1];
    // GitHub's heading anchor of `## <id>`.
    assert.ok(doc.includes(`\n## ${meta.id}\n`) && anchor === meta.id.replace(/\//g, ''), meta.id);
  }
});

test('a document rule is given the document context only, and can report that it could not complete', () => {
  let seen: string[] = [];
  const probe = documentRule({
    meta: { id: 'probe', severity: 'warning', scope: 'document', description: 'd', docs: 'd' },
    checkResource(ctx: DocumentContext) {
      seen = Object.keys(ctx).sort();
      ctx.internalError('the probe could not finish');
      return [];
    },
  });
  const findings = diagnoseFile(parseFile('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n'), { catalog, config: DEFAULT_CONFIG, rules: [probe] });
  assert.deepEqual(seen, ['catalog', 'derived', 'file', 'folder', 'imagesSetByTools', 'internalError', 'kubernetesVersion', 'options', 'patch', 'resource']);
  assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.message}`), ['internal-error the probe could not finish']);
});

test('the findings cache keys a document by its folder when workspace CRDs make the folder matter', async () => {
  const { FindingsCache } = await import('../../server/src/core/features/findings-cache');
  const { Workspace } = await import('../../server/src/core/workspace/workspace');
  const { WorkspaceCatalog } = await import('../../server/src/core/workspace/custom-kinds');
  const { diagnoseWorkspaceFile } = await import('../../server/src/core/features/diagnostics');
  const { readFileSync } = await import('node:fs');
  const fixture = readFileSync('test/fixtures/rules/schema/unknown-field/broken-crd-other-folder.yaml', 'utf8');
  const crd = fixture.split('#> operator/crd.yaml\n')[1].split('#> ')[0];
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  colour: red\n';
  let ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, true);
  ws = ws.withFile('file:///r/operator/crd.yaml', crd).withFile('file:///r/operator/w.yaml', widget).withFile('file:///r/samples/w.yaml', widget);
  const withCrds = new WorkspaceCatalog(catalog).for(ws);
  const cache = new FindingsCache();
  const severity = (uri: string) => diagnoseWorkspaceFile(ws, uri, { catalog: withCrds, config: DEFAULT_CONFIG, cache }).filter((f) => f.ruleId === 'schema/unknown-field').map((f) => f.severity);
  // Same text, same cache: beside its CRD an error, in another folder a warning, in either order.
  assert.deepEqual(severity('file:///r/operator/w.yaml'), ['error']);
  assert.deepEqual(severity('file:///r/samples/w.yaml'), ['warning']);
  assert.deepEqual(severity('file:///r/operator/w.yaml'), ['error']);
});
