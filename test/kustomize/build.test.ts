// The in-memory build beyond what the oracle compares: where each built field came from (base
// line, patch line, generator entry, the kustomization field that set it), what is not built, and
// errors located at their entry. Files are given in memory (the build reads through BuildFiles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKustomization } from '../../server/src/core/kustomize/build/build';
import { catalogBuildEnv } from '../../server/src/core/kustomize/build/catalog-env';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import type { PathStatus } from '../../server/src/core/kustomize/listed-paths';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();

function memoryFiles(files: Record<string, string>): BuildFiles {
  const status = (path: string): PathStatus => {
    if (path in files) return 'file';
    const inside = Object.keys(files).filter((f) => f.startsWith(`${path}/`));
    if (inside.some((f) => /^(kustomization\.ya?ml|Kustomization)$/.test(f.slice(path.length + 1)))) return 'kustomization';
    return inside.length > 0 ? 'directory' : 'missing';
  };
  return { read: (path) => files[path], status };
}

const files = {
  '/repo/base/kustomization.yaml': 'resources:\n  - web.yaml\n',
  '/repo/base/web.yaml': WEB_DEPLOYMENT,
  '/repo/prod/kustomization.yaml': [
    'namePrefix: prod-',
    'resources:',
    '  - ../base',
    'patches:',
    '  - path: replicas.yaml',
    'configMapGenerator:',
    '  - name: env',
    '    literals: [MODE=prod]',
    'helmCharts:',
    '  - name: redis',
    '',
  ].join('\n'),
  '/repo/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n',
};

function lineOf(path: string, offset: number): string {
  const text = files[path as keyof typeof files];
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, text.indexOf('\n', offset)).trim();
}

test('each built field knows the line it came from: base, patch, kustomization field, generator entry', () => {
  const result = buildKustomization('/repo/prod', catalogBuildEnv(catalog, memoryFiles(files)));
  assert.equal(result.error, undefined);
  const web = result.resources.find((r) => r.id.kind === 'Deployment')!;
  const origin = (path: (string | number)[]) => {
    const o = result.origins.at(web.value, path)!;
    return `${o.file} ${lineOf(o.file, o.start)}`;
  };
  assert.equal(origin(['spec', 'replicas']), '/repo/prod/replicas.yaml replicas: 5');
  assert.equal(origin(['spec', 'template', 'spec', 'containers', 0, 'image']), `/repo/base/web.yaml ${/image: .*/.exec(WEB_DEPLOYMENT)![0]}`);
  assert.equal(origin(['metadata', 'name']), '/repo/prod/kustomization.yaml namePrefix: prod-');
  const env = result.resources.find((r) => r.id.kind === 'ConfigMap')!;
  const data = result.origins.at(env.value, ['data'])!;
  assert.equal(lineOf(data.file, data.start), '- name: env');
});

test('what is not built is said, at its field', () => {
  const result = buildKustomization('/repo/prod', catalogBuildEnv(catalog, memoryFiles(files)));
  assert.deepEqual(result.notes.map((n) => [n.message, lineOf(n.origin!.file, n.origin!.start)]), [['helmCharts: Helm charts are not built by Kubesight', 'helmCharts:']]);
});

test('a failed build is kustomize\'s message at the entry that caused it', () => {
  const broken = { ...files, '/repo/prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: gone.yaml\n' };
  const result = buildKustomization('/repo/prod', catalogBuildEnv(catalog, memoryFiles(broken)));
  assert.equal(result.resources.length, 0);
  assert.match(result.error!.message, /failed to get the patch file from path\(gone\.yaml\): no such file or directory/);
  const at = result.error!.origin!;
  assert.equal(broken['/repo/prod/kustomization.yaml'].slice(at.start, at.end), 'gone.yaml');
});

test('a patch whose target is not in the build fails as kustomize does', () => {
  const broken = { ...files, '/repo/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 5\n' };
  const result = buildKustomization('/repo/prod', catalogBuildEnv(catalog, memoryFiles(broken)));
  assert.match(result.error!.message, /^no resource matches strategic merge patch "\[noGrp\]\/Deployment\.v1\.apps\/api\.\[noNs\]"/);
});

test('a resource file outside the kustomization folder is refused (kustomize\'s load restrictions)', () => {
  const outside = { ...files, '/repo/prod/kustomization.yaml': 'resources:\n  - ../base/web.yaml\n' };
  const result = buildKustomization('/repo/prod', catalogBuildEnv(catalog, memoryFiles(outside)));
  assert.match(result.error!.message, /^security; file '\/repo\/base\/web\.yaml' is not in or below '\/repo\/prod'/);
});

test('replacements: failures in kustomize\'s words at the entry; the replaced field is located at the entry', () => {
  const base = { '/r/web.yaml': `${WEB_DEPLOYMENT}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {TAG: "2.0", IMAGE: "shop/web:3"}\n` };
  const build = (replacement: string) => {
    const kustomization = `resources: [web.yaml]\nreplacements:\n  - ${replacement}\n`;
    return { kustomization, result: buildKustomization('/r', catalogBuildEnv(catalog, memoryFiles({ ...base, '/r/kustomization.yaml': kustomization }))) };
  };
  const cases: [string, string][] = [
    ['source: {kind: ConfigMap, name: nope, fieldPath: data.X}\n    targets: [{select: {kind: Deployment}, fieldPaths: [spec.replicas]}]', 'nothing selected by ConfigMap.[noVer].[noGrp]/nope.[noNs]:data.X'],
    ['source: {kind: ConfigMap, name: settings, fieldPath: data.X}\n    targets: [{select: {kind: Deployment}, fieldPaths: [spec.replicas]}]', 'fieldPath `data.X` is missing for replacement source ConfigMap.[noVer].[noGrp]/settings.[noNs]'],
    ['source: {kind: ConfigMap, fieldPath: data.TAG}\n    targets: [{select: {kind: Deployment}, fieldPaths: [spec.nothere.x]}]', 'unable to find field "spec.nothere.x" in replacement target'],
    ['source: {fieldPath: data.TAG}\n    targets: [{select: {kind: Deployment}, fieldPaths: [spec.replicas]}]', 'multiple matches for selector [noKind].[noVer].[noGrp]/[noName].[noNs]:data.TAG'],
    ['source: {kind: ConfigMap, fieldPath: data.TAG, options: {delimiter: ".", index: 5}}\n    targets: [{select: {kind: Deployment}, fieldPaths: [spec.replicas]}]', 'options.index 5 is out of bounds for value 2.0'],
  ];
  for (const [replacement, message] of cases) {
    const { kustomization, result } = build(replacement);
    assert.equal(result.error?.message, message);
    assert.equal(kustomization.slice(result.error!.origin!.start, result.error!.origin!.start + 7), 'source:');
  }
  const { kustomization, result } = build('source: {kind: ConfigMap, fieldPath: data.IMAGE}\n    targets: [{select: {kind: Deployment}, fieldPaths: ["spec.template.spec.containers.[name=web].image"]}]');
  assert.equal(result.error, undefined);
  const web = result.resources.find((r) => r.id.kind === 'Deployment')!;
  const spec = web.value.spec as { template: { spec: { containers: Record<string, unknown>[] } } };
  const container = spec.template.spec.containers[0];
  assert.equal(container.image, 'shop/web:3');
  const origin = result.origins.at(web.value, ['spec', 'template', 'spec', 'containers', 0, 'image'])!;
  assert.equal(kustomization.slice(origin.start, origin.start + 7), 'source:');
});
