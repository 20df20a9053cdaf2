// Incremental build diagnostics (issue 18 part 7): an edit rebuilds only the roots whose builds
// read the edited file, re-checks only the built objects it could change, and leaves the
// findings exactly what a fresh check of the same files gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { BuildDiagnostics } from '../../server/src/core/features/build-diagnostics';
import { FindingsCache } from '../../server/src/core/features/findings-cache';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = 'file:///repo';

const deployment = (name: string, key = 'PASSWORD') =>
  `${WEB_DEPLOYMENT.replaceAll('web', name)}          env:\n            - name: SECRET\n              valueFrom:\n                secretKeyRef: {name: db, key: ${key}}\n`;
const service = (name: string, app = name) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n`;
const base = (app: string) => `resources:\n  - ${app}.yaml\n  - service.yaml\nsecretGenerator:\n  - name: db\n    literals: [PASSWORD=x]\n`;
const overlay = (namespace: string) => `namespace: ${namespace}\nnamePrefix: ${namespace}-\nresources:\n  - ../../base\npatches:\n  - path: patch.yaml\n`;
const patch = (name: string, app = name) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels: {app: ${app}}\n`;

/** Two applications: a (a base, overlays prod and dev) and b (a base, overlay prod); and a file no kustomization lists. */
const FILES: Record<string, string> = {
  'a/base/kustomization.yaml': base('web'),
  'a/base/web.yaml': deployment('web'),
  'a/base/service.yaml': service('web'),
  'a/overlays/prod/kustomization.yaml': overlay('prod'),
  'a/overlays/prod/patch.yaml': patch('web'),
  'a/overlays/dev/kustomization.yaml': overlay('dev'),
  'a/overlays/dev/patch.yaml': patch('web'),
  'b/base/kustomization.yaml': base('api'),
  'b/base/api.yaml': deployment('api'),
  'b/base/service.yaml': service('api'),
  'b/overlays/prod/kustomization.yaml': overlay('b-prod'),
  'b/overlays/prod/patch.yaml': patch('api'),
  'loose/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loose\n  namespace: elsewhere\ndata:\n  a: "1"\n',
};

/** A host's state across edits: the workspace, its BuildDiagnostics and findings cache. */
class Host {
  ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
  readonly builds = new BuildDiagnostics();
  readonly cache = new FindingsCache();
  constructor(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) this.ws = this.ws.withFile(`${R}/${path}`, text);
  }
  edit(path: string, text: string): void {
    this.ws = this.ws.withFile(`${R}/${path}`, text);
  }
  /** Every file's findings, as the editor would publish them. */
  check(): Record<string, string[]> {
    return findingsOf(this.ws, this.builds, this.cache);
  }
}

function findingsOf(ws: Workspace, builds: BuildDiagnostics, cache?: FindingsCache): Record<string, string[]> {
  const view = builds.view(ws, { catalog, configFor: () => DEFAULT_CONFIG, cache, files: NO_DISK });
  const out: Record<string, string[]> = {};
  for (const uri of ws.uris().sort()) out[uri.slice(R.length + 1)] = diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG, cache, builds: view }).map((f) => `${f.severity} ${f.ruleId} ${f.start}-${f.end}: ${f.message}`);
  return out;
}

test('an edit to a base rebuilds the roots that read it and only those; an edit to an overlay rebuilds that overlay', () => {
  const host = new Host(FILES);
  host.check();
  assert.equal(host.builds.builds.built, 3);
  host.edit('a/base/web.yaml', deployment('web', 'USER'));
  host.check();
  assert.equal(host.builds.builds.built, 5, 'a/overlays/prod and a/overlays/dev');
  host.edit('b/overlays/prod/patch.yaml', patch('api', 'apx'));
  host.check();
  assert.equal(host.builds.builds.built, 6, 'b/overlays/prod');
});

test('an edit to a file no build reads rebuilds nothing and re-checks no built object it is not linked to', () => {
  const host = new Host(FILES);
  const before = host.check();
  const checked = host.builds.built.checkedDocuments;
  assert.ok(checked > 0);
  host.edit('loose/config.yaml', FILES['loose/config.yaml'].replace('a: "1"', 'a: "2"\n  b: "3"'));
  const after = host.check();
  assert.equal(host.builds.builds.built, 3);
  assert.equal(host.builds.built.checkedDocuments, checked);
  assert.deepEqual(after['a/base/web.yaml'], before['a/base/web.yaml']);
});

test('an edit to a base re-checks the workspace rules of the objects it changed and of those linked to them, not the others', () => {
  const host = new Host(FILES);
  host.check();
  const checked = host.builds.built.checkedDocuments;
  host.edit('a/base/web.yaml', deployment('web', 'USER'));
  const found = host.check();
  // The Deployment of each of a's two overlays; its Service selects its pods, but the pod labels did not change.
  assert.equal(host.builds.built.checkedDocuments - checked, 2);
  assert.ok(found['a/base/web.yaml'].some((f) => f.includes('key "USER" not found in Secret') && f.includes('(in overlay')), found['a/base/web.yaml'].join('\n'));
});

/** One random edit of the repository: values, labels, keys, namespaces, broken syntax, and back to the start. */
function randomEdit(files: Record<string, string>, next: () => number): [string, string] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const app = (path: string) => (path.startsWith('a/') ? 'web' : 'api');
  const edits: (() => [string, string])[] = [
    () => pick([['a/base/web.yaml', deployment('web', pick(['PASSWORD', 'USER']))], ['b/base/api.yaml', deployment('api', pick(['PASSWORD', 'TOKEN']))]]),
    () => ((path) => [path, service(app(path), pick([app(path), 'none']))])(pick(['a/base/service.yaml', 'b/base/service.yaml'])),
    () => ((path) => [path, patch(app(path), pick([app(path), 'other']))])(pick(['a/overlays/prod/patch.yaml', 'a/overlays/dev/patch.yaml', 'b/overlays/prod/patch.yaml'])),
    () => [pick(['a/overlays/prod/kustomization.yaml', 'a/overlays/dev/kustomization.yaml', 'b/overlays/prod/kustomization.yaml']), overlay(pick(['prod', 'dev', 'shared']))],
    () => pick([['a/base/kustomization.yaml', `${base('web')}  - name: extra\n    literals: [K=v]\n`], ['b/base/kustomization.yaml', base('api')]]),
    () => {
      const path = pick(Object.keys(files));
      const text = files[path];
      const at = Math.floor(next() * text.length);
      return [path, next() < 0.5 ? text.slice(0, at) + text.slice(at + 1) : `${text.slice(0, at)}:${text.slice(at)}`];
    },
    () => ((path) => [path, FILES[path]])(pick(Object.keys(FILES))),
    () => ['loose/config.yaml', pick([FILES['loose/config.yaml'], FILES['loose/config.yaml'].replace('elsewhere', 'prod'), ''])],
  ];
  return pick(edits)();
}

test('after a sequence of random edits the incremental findings equal a fresh check of the same files', () => {
  let seed = 18;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const files = { ...FILES };
  const host = new Host(files);
  host.check();
  for (let i = 0; i < 80; i++) {
    const [path, text] = randomEdit(files, next);
    files[path] = text;
    host.edit(path, text);
    const incremental = host.check();
    const fresh = findingsOf(new Host(files).ws, new BuildDiagnostics());
    assert.deepEqual(incremental, fresh, `edit ${i + 1} (seed 18): ${path}\n${text}`);
  }
  // Some of those builds were made from the previous ones (kustomize/rebuild.ts), some whole.
  assert.ok(host.builds.builds.rebuilt > 5 && host.builds.builds.built - host.builds.builds.rebuilt > 5, `${host.builds.builds.rebuilt} of ${host.builds.builds.built}`);
});
