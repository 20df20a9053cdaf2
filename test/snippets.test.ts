// Every snippet, expanded with its default placeholder values, is a manifest without errors or
// warnings (product.md §7: an expanded snippet has no error diagnostics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, mergeConfig } from '../server/src/core/config';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import { snippetText } from '../server/src/core/features/snippet-completion';
import { Workspace } from '../server/src/core/workspace/workspace';
import { bundledCatalog } from '../server/src/io/schema-source';

const snippets = JSON.parse(readFileSync('snippets/kubernetes.json', 'utf8')) as Record<string, { prefix: string; description: string; body: string[] }>;
const catalog = bundledCatalog();
// A snippet stands alone: what it references may live elsewhere (an IngressClass, a Deployment).
const config = mergeConfig(DEFAULT_CONFIG, { rules: { 'missing-reference': 'off', 'dangling-backend': 'off', 'service-no-pods': 'off' } });

/** VS Code snippet syntax → text: `${1:x}` → x, `${1|a,b|}` → a, `$1`/`$0` → ''. */
export const expand = (body: string[]): string => snippetText({ prefix: '', body });

const problems = (ws: Workspace, uri: string, cfg = config): string[] =>
  diagnoseWorkspaceFile(ws, uri, { catalog, config: cfg })
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${uri}: ${f.ruleId}: ${f.message}`);

test('snippets are contributed by package.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'yaml', path: './snippets/kubernetes.json' }]);
  assert.ok(Object.keys(snippets).length >= 10);
});

test('every snippet has a unique k8s- prefix and a unique description', () => {
  const all = Object.values(snippets);
  for (const s of all) assert.match(s.prefix, /^k8s-[a-z0-9-]+$/, `prefix ${s.prefix}`);
  const dup = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  assert.deepEqual(dup(all.map((s) => s.prefix)), [], 'duplicate prefixes');
  assert.deepEqual(dup(all.map((s) => s.description)), [], 'duplicate descriptions');
  for (const s of all) assert.ok(s.description.trim() !== '', `${s.prefix} has no description`);
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${snippet.prefix}" expands to a manifest with no errors or warnings`, () => {
    const text = expand(snippet.body);
    const ws = Workspace.empty(undefined, true).withFile('s.yaml', text);
    assert.deepEqual(problems(ws, 's.yaml'), [], `${name}:\n${text}`);
  });
}

// Stacks are self-contained: expanded together as one complete workspace (one file each), every
// Secret, ConfigMap, PVC, Service and pod they reference is among them. Only the IngressClass comes
// from the cluster, and a missing IngressClass is information, so the default rules apply unchanged.
test('all stack snippets together form a workspace with no errors or warnings', () => {
  const stacks = Object.values(snippets).filter((s) => s.prefix.startsWith('k8s-stack-'));
  assert.ok(stacks.length >= 4, 'expected the Directus (MariaDB, Postgres), Laravel and MongoDB stacks');
  let ws = Workspace.empty(undefined, true);
  for (const s of stacks) ws = ws.withFile(`${s.prefix}.yaml`, expand(s.body));
  assert.deepEqual(stacks.flatMap((s) => problems(ws, `${s.prefix}.yaml`, DEFAULT_CONFIG)), []);
  // Default names differ between stacks, so none shadows another's objects.
  const ids = ws.uris().flatMap((uri) => ws.file(uri)!.objects.map((o) => `${o.resource.kind}/${o.resource.name}`));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test('README lists every snippet prefix', () => {
  const readme = readFileSync('README.md', 'utf8');
  const missing = Object.values(snippets).map((s) => s.prefix).filter((p) => !readme.includes(`| \`${p}\` |`));
  assert.deepEqual(missing, []);
});

// The custom-resource snippets link among themselves with every rule on: the HTTPRoute finds its
// Gateway's listener, the Gateway finds the Secret the Certificate writes. What stays outside a
// snippet (the GatewayClass, the ClusterIssuer, the backend Service) is information at most.
test('the Gateway API snippets resolve their own links, with the default rules', () => {
  for (const prefix of ['k8s-gateway-httproute', 'k8s-gateway-https']) {
    const snippet = Object.values(snippets).find((s) => s.prefix === prefix)!;
    const ws = Workspace.empty(undefined, true).withFile('s.yaml', expand(snippet.body));
    const findings = diagnoseWorkspaceFile(ws, 's.yaml', { catalog, config: DEFAULT_CONFIG }).filter((f) => !f.ruleId.startsWith('schema/'));
    assert.deepEqual(problems(ws, 's.yaml', DEFAULT_CONFIG), [], prefix);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'route-parent' || /Secret/.test(f.message)).map((f) => f.message), [], prefix);
    const outside = findings.map((f) => f.message.split(' not found')[0]).sort();
    assert.deepEqual(outside, prefix === 'k8s-gateway-https' ? ['ClusterIssuer "letsencrypt"', 'GatewayClass "example"', 'Service "app"'] : ['GatewayClass "example"', 'Service "app"'], prefix);
  }
});
