// Every snippet, expanded with its default placeholder values, is a manifest without errors or
// warnings (product.md §7: an expanded snippet has no error diagnostics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, mergeConfig } from '../server/src/core/config';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import { Workspace } from '../server/src/core/workspace/workspace';
import { bundledCatalog } from '../server/src/io/schema-source';

const snippets = JSON.parse(readFileSync('snippets/kubernetes.json', 'utf8')) as Record<string, { prefix: string; body: string[] }>;
const catalog = bundledCatalog();
// A snippet stands alone: what it references may live elsewhere (an IngressClass, a Deployment).
const config = mergeConfig(DEFAULT_CONFIG, { rules: { 'missing-reference': 'off', 'dangling-backend': 'off', 'service-no-pods': 'off' } });

/** VS Code snippet syntax → text: `${1:x}` → x, `${1|a,b|}` → a, `$1`/`$0` → ''. */
export function expand(body: string[]): string {
  return `${body.join('\n').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '')}\n`;
}

test('snippets are contributed by package.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.snippets, [{ language: 'yaml', path: './snippets/kubernetes.json' }]);
  assert.ok(Object.keys(snippets).length >= 10);
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${snippet.prefix}" expands to a manifest with no errors or warnings`, () => {
    const text = expand(snippet.body);
    const ws = Workspace.empty(undefined, true).withFile('s.yaml', text);
    const findings = diagnoseWorkspaceFile(ws, 's.yaml', { catalog, config }).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], `${name}:\n${text}`);
  });
}
