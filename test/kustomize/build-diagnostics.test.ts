// Diagnostics per build (issue 18, part 3): each application root is built, the rules run on its
// objects, and each finding lands on the source line its field came from, naming the overlay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { BuildDiagnostics } from '../../server/src/core/features/build-diagnostics';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import type { Finding } from '../../server/src/core/findings';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const namespaced = (g: string, k: string) => catalog.isNamespaced(g, k);
/** Nothing beyond the workspace: every file the builds read is one of its files. */
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = 'file:///repo';

function check(files: Record<string, string>, disk: BuildFiles = NO_DISK): Map<string, Finding[]> {
  let ws = Workspace.empty(namespaced, true);
  for (const [path, text] of Object.entries(files)) ws = ws.withFile(`${R}/${path}`, text);
  const builds = new BuildDiagnostics().view(ws, { catalog, configFor: () => DEFAULT_CONFIG, files: disk });
  return new Map(Object.keys(files).map((path) => [path, diagnoseWorkspaceFile(ws, `${R}/${path}`, { catalog, config: DEFAULT_CONFIG, builds })]));
}

/** `rule@line: message` of the warnings and errors, lines counted from 1. */
function summary(files: Record<string, string>, findings: Map<string, Finding[]>, path: string): string[] {
  const text = files[path];
  return (findings.get(path) ?? []).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}@${text.slice(0, f.start).split('\n').length}: ${f.message}`);
}

const BASE = {
  'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'app/base/deployment.yaml': WEB_DEPLOYMENT,
  'app/base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
};

test('a selector broken only by an overlay patch is an error on the patch line, none in the base', () => {
  const files = {
    ...BASE,
    'app/overlays/prod/kustomization.yaml': 'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: labels.yaml\n',
    'app/overlays/prod/labels.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: webb}\n',
  };
  const findings = check(files);
  assert.deepEqual(summary(files, findings, 'app/overlays/prod/labels.yaml').map((s) => s.split(':')[0]), ['selector-mismatch@8']);
  assert.deepEqual(summary(files, findings, 'app/base/deployment.yaml'), []);
  // The Service of the base selects app=web, which the patched pods no longer carry.
  assert.deepEqual(summary(files, findings, 'app/base/service.yaml').map((s) => s.replace(/ of the workspace \(\d+ files\)/, '')), ['service-no-pods@6: selector app=web matches no pod template in namespace "prod" (in overlay overlays/prod)']);
});

const GENERATED = {
  'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\nsecretGenerator:\n  - name: db\n    literals:\n      - PASSWORD=secret\n',
  'app/base/deployment.yaml': `${WEB_DEPLOYMENT}          env:\n            - name: PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: PASSWORD}\n            - name: USER\n              valueFrom:\n                secretKeyRef: {name: db, key: USER}\n`,
  'app/overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\n',
  'app/overlays/dev/kustomization.yaml': 'namespace: dev\nnamePrefix: dev-\nresources:\n  - ../../base\n',
};

test('a secretKeyRef to a generated Secret resolves through prefix and hash; a key it lacks is found, once per overlay name', () => {
  const findings = check(GENERATED);
  const base = summary(GENERATED, findings, 'app/base/deployment.yaml');
  assert.equal(base.filter((s) => s.startsWith('missing-reference')).length, 0, base.join('\n'));
  const keys = base.filter((s) => s.startsWith('missing-key'));
  // One finding: the first overlay's message (its Secret's name), the other named after it.
  assert.equal(keys.length, 1, keys.join('\n'));
  assert.match(keys[0], /^missing-key@21: key "USER" not found in Secret "dev-db-[a-z0-9]{10}" \(keys: PASSWORD\) \(in overlay overlays\/dev; likewise in overlays\/prod\)$/);
});

test('several overlays that give the same finding at the same place give it once, naming each', () => {
  // Same namespace in both: the very same message.
  const same = { ...BASE, 'app/base/service.yaml': BASE['app/base/service.yaml'].replace('app: web', 'app: api'), 'app/overlays/a/kustomization.yaml': 'namespace: shop\nresources:\n  - ../../base\n', 'app/overlays/b/kustomization.yaml': 'namespace: shop\nresources:\n  - ../../base\n' };
  const once = summary(same, check(same), 'app/base/service.yaml');
  assert.equal(once.length, 1, once.join('\n'));
  assert.match(once[0], /\(in overlays overlays\/a, overlays\/b\)$/);

  const files = {
    ...BASE,
    'app/base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: api\n  ports:\n    - port: 80\n',
    'app/overlays/prod/kustomization.yaml': 'namespace: shop\nresources:\n  - ../../base\n',
    'app/overlays/staging/kustomization.yaml': 'namespace: shop-staging\nresources:\n  - ../../base\n',
  };
  const found = summary(files, check(files), 'app/base/service.yaml');
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^service-no-pods@6: .*"shop".* \(in overlay overlays\/prod; likewise in overlays\/staging\)$/);
});

test('a file in no kustomization is checked as before; so is a base whose only overlay is not built completely', () => {
  const files = {
    ...BASE,
    'app/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - https://github.com/example/remote//deploy?ref=v1\n',
    'loose.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      envFrom:\n        - configMapRef: {name: absent-config}\n',
    'app/base/deployment.yaml': WEB_DEPLOYMENT.replace('labels: {app: web}', 'labels: {app: other}'),
  };
  const findings = check(files);
  assert.deepEqual(summary(files, findings, 'loose.yaml').map((s) => s.split(':')[0]), ['missing-reference@10']);
  assert.deepEqual(summary(files, findings, 'app/base/deployment.yaml').map((s) => s.split(':')[0]), ['selector-mismatch@10']);
  assert.ok(!summary(files, findings, 'app/base/deployment.yaml')[0].includes('in overlay'));
});

test('a disable comment in the base silences a finding that comes through an overlay', () => {
  const files = {
    ...GENERATED,
    'app/base/deployment.yaml': GENERATED['app/base/deployment.yaml'].replace('                secretKeyRef: {name: db, key: USER}', '                # kubesight-disable-next-line missing-key\n                secretKeyRef: {name: db, key: USER}'),
  };
  const findings = check(files);
  assert.deepEqual(summary(files, findings, 'app/base/deployment.yaml').filter((s) => s.startsWith('missing-key')), []);
  // The comment was used: no "unused directive" about it.
  assert.equal(findings.get('app/base/deployment.yaml')!.filter((f) => f.ruleId === 'disable-comment').length, 0);
});

test('the builds read generator files the host gives (keys of an env file count)', () => {
  const files = {
    ...GENERATED,
    'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\nsecretGenerator:\n  - name: db\n    envs:\n      - db.env\n',
  };
  const disk: BuildFiles = { read: (p) => (p === '/repo/app/base/db.env' ? 'PASSWORD=x\nUSER=y\n' : undefined), status: (p) => (p === '/repo/app/base/db.env' ? 'file' : 'missing') };
  const found = summary(files, check(files, disk), 'app/base/deployment.yaml');
  assert.deepEqual(found, []);
});
