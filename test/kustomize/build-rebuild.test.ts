// Builds made from the previous build (kustomize/rebuild.ts, issue 18 part 7): after an edit that
// changes only some objects of a base that overlays take, each overlay re-runs those objects
// through its transformers and keeps the rest. After every edit of a random sequence, every
// root's build must equal a fresh build of the same files: objects, ids and earlier ids, name
// affixes, the origin of every field, the patch records, notes and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { RootBuilds, applicationRoots, type RootBuild } from '../../server/src/core/kustomize/roots';
import { catalogBuildEnv } from '../../server/src/core/kustomize/build/catalog-env';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { workspaceFiles } from '../../server/src/core/features/build-diagnostics';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const envOf = (files: BuildFiles) => catalogBuildEnv(catalog, files);
const R = 'file:///repo';

const web = (level: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: runner
      containers:
        - name: web
          image: nginx:1.25
          env:
            - name: LOG_LEVEL
              value: ${level}
          envFrom:
            - configMapRef:
                name: app-config
${extra}`;
const others = (port: number, schedule: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: ${port}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "${schedule}"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox
              envFrom:
                - configMapRef:
                    name: app-config
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
data:
  a: "1"
`;
const baseKustomization = (extra = '') => `resources:
  - web.yaml
  - others.yaml
configMapGenerator:
  - name: app-config
    literals: [MODE=base]
patches:
  - path: base-patch.yaml
${extra}`;
const basePatch = (value: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    team: ${value}
`;

const FILES: Record<string, string> = {
  'base/kustomization.yaml': baseKustomization(),
  'base/web.yaml': web('info'),
  'base/others.yaml': others(80, '0 1 * * *'),
  'base/base-patch.yaml': basePatch('a'),
  'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - path: web-patch.yaml\n  - target: {kind: Deployment, name: web}\n    patch: |-\n      - op: add\n        path: /spec/template/spec/containers/0/env/-\n        value: {name: REGION, value: eu}\nimages:\n  - name: nginx\n    newTag: "1.26"\nreplicas:\n  - name: web\n    count: 3\n',
  'overlays/prod/web-patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources:\n            limits: {memory: 1Gi}\n',
  'overlays/dev/kustomization.yaml': 'namespace: dev\nnameSuffix: -dev\nresources:\n  - ../../base\npatches:\n  - target: {labelSelector: app=web}\n    patch: |-\n      apiVersion: v1\n      kind: Any\n      metadata:\n        name: any\n        annotations: {env: dev}\nconfigMapGenerator:\n  - name: app-config\n    behavior: merge\n    literals: [MODE=dev]\nlabels:\n  - pairs: {tier: dev}\n',
  'overlays/trim/kustomization.yaml': 'resources:\n  - ../../base\n  - extra.yaml\npatches:\n  - path: delete-job.yaml\ncommonAnnotations:\n  owner: trim\n',
  'overlays/trim/extra.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: probe\nspec:\n  serviceAccountName: runner\n  containers:\n    - name: p\n      image: busybox\n',
  'overlays/trim/delete-job.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n$patch: delete\n',
  'overlays/comp/kustomization.yaml': 'resources:\n  - ../../base\ncomponents:\n  - ../../components/debug\n',
  'components/debug/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n      - op: add\n        path: /metadata/annotations/debug\n        value: "on"\n',
  'overlays/repl/kustomization.yaml': 'resources:\n  - ../../base\nreplacements:\n  - source: {kind: Deployment, name: web, fieldPath: spec.template.spec.containers.0.image}\n    targets:\n      - select: {kind: CronJob}\n        fieldPaths: [spec.jobTemplate.spec.template.spec.containers.0.image]\n',
};

function workspaceOf(files: Record<string, string>): Workspace {
  let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
  for (const [path, text] of Object.entries(files)) ws = ws.withFile(`${R}/${path}`, text);
  return ws;
}

function buildAll(builds: RootBuilds, ws: Workspace): RootBuild[] {
  return builds.buildAll(applicationRoots(ws.tools.kustomizations), workspaceFiles(ws, NO_DISK), envOf);
}

/** Everything of a build that diagnostics, hover and navigation read. */
function described(b: RootBuild): unknown {
  const { result } = b;
  return {
    folder: b.folder,
    error: result.error?.message,
    notes: result.notes,
    patches: result.patches,
    resources: result.resources.map((r) => ({ value: r.value, id: r.id, prevIds: r.prevIds, prefixes: r.prefixes, suffixes: r.suffixes, origin: r.origin, origins: result.origins.fingerprint(r.value) })),
  };
}

function randomEdit(next: () => number): [string, string] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const edits: (() => [string, string])[] = [
    () => ['base/web.yaml', web(pick(['info', 'debug', 'warn', 'a much longer value than before']))],
    () => ['base/web.yaml', web('info', pick(['', '          ports:\n            - containerPort: 8080\n']))],
    () => ['base/web.yaml', web('info').replace('app: web\nspec', pick(['app: web2\nspec', 'app: web\nspec']))],
    () => ['base/web.yaml', web('info').replace('name: web\n  labels', pick(['name: web-renamed\n  labels', 'name: web\n  labels']))],
    () => ['base/web.yaml', pick(['# a comment\n', '', '---\n']) + web(pick(['info', 'debug']))],
    () => ['base/web.yaml', web('info').replace('name: app-config', pick(['name: app-config', 'name: other-config']))],
    () => ['base/others.yaml', others(pick([80, 8080]), pick(['0 1 * * *', '0 2 * * *']))],
    () => ['base/base-patch.yaml', basePatch(pick(['a', 'b', 'a longer team']))],
    () => ['base/kustomization.yaml', baseKustomization(pick(['', 'commonAnnotations:\n  note: x\n', 'namePrefix: b-\n']))],
    () => ['overlays/prod/web-patch.yaml', FILES['overlays/prod/web-patch.yaml'].replace('1Gi', pick(['1Gi', '2Gi']))],
    () => ['base/web.yaml', web('info').slice(0, Math.floor(next() * 200))],
    () => ((path) => [path, FILES[path]])(pick(Object.keys(FILES))),
  ];
  return pick(edits)();
}

test('after each of a sequence of random edits, every root built from its previous build equals a fresh build', () => {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const files = { ...FILES };
  const builds = new RootBuilds();
  buildAll(builds, workspaceOf(files));
  for (let i = 0; i < 120; i++) {
    const [path, text] = randomEdit(next);
    files[path] = text;
    const incremental = buildAll(builds, workspaceOf(files)).map(described);
    const fresh = buildAll(new RootBuilds(), workspaceOf(files)).map(described);
    assert.deepEqual(incremental, fresh, `edit ${i + 1}: ${path}\n${text}`);
  }
  // The sequence took both ways: made from the previous build, and built whole.
  assert.ok(builds.rebuilt > 60, `${builds.rebuilt} made from the previous build`);
  assert.ok(builds.built - builds.rebuilt > 60, `${builds.built - builds.rebuilt} built whole`);
});

test('an edit to one base object makes the overlays without components or replacements from their previous builds', () => {
  const files = { ...FILES };
  const builds = new RootBuilds();
  buildAll(builds, workspaceOf(files));
  files['base/web.yaml'] = web('debug');
  const after = buildAll(builds, workspaceOf(files));
  assert.equal(builds.rebuilt, 3, 'prod, dev and trim');
  const prod = after.find((b) => b.folder.endsWith('/prod'))!;
  const deployment = prod.result.resources.find((r) => r.id.kind === 'Deployment')!;
  assert.equal(deployment.id.name, 'prod-web');
  assert.equal(deployment.id.namespace, 'prod');
  const container = (deployment.value.spec as { template: { spec: { containers: { env: { name: string; value: string }[]; envFrom: { configMapRef: { name: string } }[]; image: string }[] } } }).template.spec.containers[0];
  assert.deepEqual(container.env.map((e) => e.value), ['debug', 'eu']);
  assert.equal(container.image, 'nginx:1.26');
  assert.match(container.envFrom[0].configMapRef.name, /^prod-app-config-[a-z0-9]{10}$/);
  // A rename changes what other objects' fields depend on: built whole.
  files['base/web.yaml'] = web('debug').replace('name: web\n  labels', 'name: front\n  labels');
  buildAll(builds, workspaceOf(files));
  assert.equal(builds.rebuilt, 3);
});
