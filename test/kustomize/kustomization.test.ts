// Kustomize as far as issue 17 needs it: what a kustomization lists, patches as partial objects
// (whole-object rules silent on them, cached apart from whole objects), generated objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { FindingsCache } from '../../server/src/core/features/findings-cache';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { parseFile } from '../../server/src/core/model/parse';
import { readKustomization } from '../../server/src/core/kustomize/kustomization';
import { changedBuildTools } from '../../server/src/core/workspace/dependents';
import { ALL_RULES } from '../../server/src/core/rules';
import { labelLocations } from '../../server/src/core/features/label-rename';
import { workspaceSymbols } from '../../server/src/core/features/symbols';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const namespaced = (g: string, k: string) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced;

function workspace(files: Record<string, string>): Workspace {
  let ws = Workspace.empty(namespaced, true);
  for (const [uri, text] of Object.entries(files)) ws = ws.withFile(uri, text);
  return ws;
}

const kustomizationText = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
namePrefix: prod-
resources:
  - ../base
  - https://github.com/example/remote//deploy?ref=v1
  - github.com/example/other//base?ref=main
  - ./extra.yaml
patches:
  - path: patches/replicas.yaml
  - patch: |-
      - op: replace
        path: /spec/replicas
        value: 2
    target: {kind: Deployment}
patchesStrategicMerge:
  - memory.yaml
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
patchesJson6902:
  - path: ops.yaml
    target: {version: v1, kind: Service, name: web}
images:
  - name: shop/web
    newTag: 1.27
configMapGenerator:
  - name: settings
    literals: [MODE=prod, EMPTY=]
    files: [conf/app.ini, custom=conf/other.ini]
secretGenerator:
  - name: env-secret
    envs: [secret.env]
`;

test('a kustomization is read into its lists, paths resolved against its folder', () => {
  const k = readKustomization('file:///repo/overlays/prod/kustomization.yaml', parseFile(kustomizationText).documents)!;
  assert.equal(k.namespace, 'shop');
  assert.equal(k.namePrefix, 'prod-');
  assert.deepEqual(k.resources.map((r) => r.resolved), ['file:///repo/overlays/base', undefined, undefined, 'file:///repo/overlays/prod/extra.yaml']);
  assert.deepEqual(k.patches.map((p) => [p.field, p.file?.resolved, p.inline !== undefined]), [
    ['patches', 'file:///repo/overlays/prod/patches/replicas.yaml', false],
    ['patches', undefined, true],
    ['patchesStrategicMerge', 'file:///repo/overlays/prod/memory.yaml', false],
    ['patchesStrategicMerge', undefined, true],
    ['patchesJson6902', 'file:///repo/overlays/prod/ops.yaml', false],
  ]);
  assert.deepEqual(k.images.map((i) => [i.name, i.newTag]), [['shop/web', '1.27']]);
  assert.deepEqual(k.configMapGenerator.map((g) => [g.name, g.keys, g.files.map((f) => f.resolved)]), [
    ['settings', ['MODE', 'EMPTY', 'app.ini', 'custom'], ['file:///repo/overlays/prod/conf/app.ini', 'file:///repo/overlays/prod/conf/other.ini']],
  ]);
  assert.deepEqual(k.secretGenerator.map((g) => [g.name, g.keys]), [['env-secret', undefined]]);
});

test('only files named like a kustomization are kustomizations', () => {
  assert.equal(readKustomization('file:///repo/kustomize.yaml', parseFile(kustomizationText).documents), undefined);
  assert.ok(readKustomization('file:///repo/Kustomization', parseFile(kustomizationText).documents));
  assert.ok(readKustomization('file:///repo/kustomization.yml', parseFile('resources: [a.yaml]\n').documents));
});

const base = WEB_DEPLOYMENT;
// Whole-object rules would all speak on this as an object: no selector, no template, a Service
// without pods, a StatefulSet without serviceName, a Job without restartPolicy.
const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          resources: {limits: {memory: 1Gi}}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: nothing-has-this}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: 2
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      containers: [{name: migrate, image: shop/migrate:1.0.0}]
`;
const files = { 'base/web.yaml': base, 'prod/kustomization.yaml': 'resources: [../base/web.yaml]\npatches:\n  - path: web-patch.yaml\n', 'prod/web-patch.yaml': patch };

test('a patch file gets findings only from rules that hold on partial objects', () => {
  const ws = workspace(files);
  const patchRules = new Set(ALL_RULES.filter((r) => r.meta.checksPatches).map((r) => r.meta.id));
  const findings = diagnoseWorkspaceFile(ws, 'prod/web-patch.yaml', { catalog, config: DEFAULT_CONFIG });
  assert.deepEqual(findings.filter((f) => !patchRules.has(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`), []);
  assert.deepEqual(findings.map((f) => f.message), []);
  // The same text listed by no kustomization: every whole-object rule speaks.
  const alone = diagnoseWorkspaceFile(workspace({ 'base/web.yaml': base, 'prod/web-patch.yaml': patch }), 'prod/web-patch.yaml', { catalog, config: DEFAULT_CONFIG });
  assert.deepEqual([...new Set(alone.map((f) => f.ruleId))].sort(), ['best-practice/readiness-probe', 'best-practice/resource-requests', 'duplicate-resource', 'restart-policy', 'schema/container-image', 'schema/required', 'service-no-pods', 'statefulset-service']);
});

test('patches are not objects of the index; generated ConfigMaps are, at their generator entry', () => {
  const ws = workspace({ ...files, 'base/kustomization.yaml': 'namespace: shop\nresources: [web.yaml]\nconfigMapGenerator:\n  - name: web-settings\n    literals: [A=1]\n' });
  assert.deepEqual(ws.index.find('apps', 'Deployment', 'default', 'web').map((o) => o.uri), ['base/web.yaml']);
  assert.deepEqual(ws.index.find('', 'Service', 'default', 'web'), []);
  const generated = ['shop', 'default'].flatMap((ns) => ws.index.find('', 'ConfigMap', ns, 'web-settings'));
  assert.deepEqual(generated.map((o) => [o.uri, o.namespace, o.generatedBy, [...(o.dataKeys ?? [])]]), [
    ['base/kustomization.yaml', 'shop', 'configMapGenerator', ['A']],
    ['base/kustomization.yaml', 'default', 'configMapGenerator', ['A']],
  ]);
  const text = ws.file('base/kustomization.yaml')!.parsed.text;
  const [start, end] = generated[0].resource.node.range!;
  assert.equal(text.slice(start, end).split('\n')[0], 'name: web-settings');
});

test('the findings cache keeps a text checked as a patch apart from the same text checked as an object', () => {
  const cache = new FindingsCache();
  const asPatch = workspace(files);
  const asObject = workspace({ 'base/web.yaml': base, 'prod/web-patch.yaml': patch });
  const errors = (ws: Workspace) => diagnoseWorkspaceFile(ws, 'prod/web-patch.yaml', { catalog, config: DEFAULT_CONFIG, cache }).filter((f) => f.severity === 'error').length;
  assert.equal(errors(asPatch), 0);
  assert.ok(errors(asObject) > 0);
  assert.equal(errors(asPatch), 0);
});

test('a JSON 6902 patch file is a list of operations: nothing in it is checked as an object', () => {
  const ws = workspace({ 'kustomization.yaml': 'patchesJson6902:\n  - path: ops.yaml\n    target: {kind: Deployment, name: web}\n', 'ops.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n' });
  assert.deepEqual(diagnoseWorkspaceFile(ws, 'ops.yaml', { catalog, config: DEFAULT_CONFIG }), []);
  assert.deepEqual(ws.index.objects, []);
});

test('an edit of a kustomization that changes what it lists or generates re-checks other files; other edits do not', () => {
  const before = workspace(files);
  const file = (ws: Workspace) => ws.file('prod/kustomization.yaml');
  const sameLists = before.withFile('prod/kustomization.yaml', '# comment\nresources: [../base/web.yaml]\npatches:\n  - path: web-patch.yaml\n');
  assert.equal(changedBuildTools(file(before), file(sameLists)), false);
  const unlisted = before.withFile('prod/kustomization.yaml', 'resources: [../base/web.yaml]\n');
  assert.equal(changedBuildTools(file(before), file(unlisted)), true);
  const skaffold = (image: string) => workspace({ 'skaffold.yaml': `apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: ${image}\n` }).file('skaffold.yaml');
  assert.equal(changedBuildTools(skaffold('a'), skaffold('b')), true);
  assert.equal(changedBuildTools(workspace({ 'a.yaml': base }).file('a.yaml'), workspace({ 'a.yaml': patch }).file('a.yaml')), false);
});

test('renaming a label reaches the patches that carry it; a generated ConfigMap is one workspace symbol', () => {
  const labelPatch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web, tier: front}\n';
  const ws = workspace({
    'base/web.yaml': base,
    'base/kustomization.yaml': 'namespace: shop\nresources: [web.yaml]\nconfigMapGenerator:\n  - name: web-settings\n    literals: [A=1]\n',
    'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: labels.yaml\n',
    'prod/labels.yaml': labelPatch,
  });
  const offset = base.indexOf('app: web}');
  const locations = labelLocations(ws, 'base/web.yaml', offset)!;
  assert.deepEqual([...new Set(locations.map((l) => l.uri))].sort(), ['base/web.yaml', 'prod/labels.yaml']);
  assert.deepEqual(workspaceSymbols(ws, 'web-settings').map((s) => [s.name, s.uri]), [['ConfigMap web-settings', 'base/kustomization.yaml']]);
  assert.deepEqual(workspaceSymbols(ws, 'Deployment web').map((s) => s.uri).sort(), ['base/web.yaml', 'prod/labels.yaml']);
});
