// The workspace-rule findings cache (core/features/workspace-findings.ts) must never change a
// result: after random edits over the real-world corpus, the findings computed with the caches a
// host keeps equal a fresh run without any cache. And it must save work: an edit recomputes only
// the documents whose text or whose reads of the workspace changed (its counters show it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { FindingsCache } from '../../server/src/core/features/findings-cache';
import { WorkspaceFindingsCache } from '../../server/src/core/features/workspace-findings';
import { Workspace } from '../../server/src/core/workspace/workspace';
import type { IndexedObject } from '../../server/src/core/workspace/indexed-object';
import { WorkspaceCatalog } from '../../server/src/core/workspace/custom-kinds';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { baselineFromResources } from '../../server/src/core/immutable/baseline';
import { parseFile } from '../../server/src/core/model/parse';
import { resourcesOfFile } from '../../server/src/core/model/resource';

const catalog = bundledCatalog();
const CORPUS = '../shared/realworld';
const namespaced = (g: string, k: string) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** A host's caches, kept across edits as the language server keeps them. */
class Host {
  readonly cache = new FindingsCache();
  readonly workspaceCache = new WorkspaceFindingsCache();
  readonly catalogs = new WorkspaceCatalog(catalog);

  diagnose(ws: Workspace, uri: string): string {
    return JSON.stringify(diagnoseWorkspaceFile(ws, uri, { catalog: this.catalogs.for(ws), config: DEFAULT_CONFIG, cache: this.cache, workspaceCache: this.workspaceCache }));
  }
}

function fresh(ws: Workspace, uri: string): string {
  return JSON.stringify(diagnoseWorkspaceFile(ws, uri, { catalog: new WorkspaceCatalog(catalog).for(ws), config: DEFAULT_CONFIG }));
}

/** A file's index entries, each object's Resource as where it is (document offsets, path in it). */
function indexed(ws: Workspace, uri: string): string {
  const file = ws.file(uri)!;
  const plain = (o: IndexedObject) => ({ ...o, resource: [o.resource.document.start, o.resource.document.end, o.resource.document.index, o.resource.basePath], dataKeys: o.dataKeys && [...o.dataKeys] });
  return JSON.stringify([file.objects.map(plain), file.produced.map(plain)]);
}

type Rand = (n: number) => number;

/** One random edit of a file's text: characters typed or deleted, a label or name renamed, a document deleted or duplicated. */
function edit(text: string, rand: Rand): string {
  const docs = text.split(/^---[^\n]*\n/m);
  const pick = (re: RegExp) => [...text.matchAll(re)];
  const replaceMatch = (re: RegExp, make: (m: RegExpMatchArray) => string) => {
    const all = pick(re);
    if (all.length === 0) return text;
    const m = all[rand(all.length)];
    return text.slice(0, m.index!) + make(m) + text.slice(m.index! + m[0].length);
  };
  switch (rand(7)) {
    case 0: {
      const at = rand(text.length + 1);
      return text.slice(0, at) + ['x', '\n', ' ', '-', ': y'][rand(5)] + text.slice(at);
    }
    case 1: {
      const at = rand(text.length + 1);
      return text.slice(0, at) + text.slice(at + 1 + rand(3));
    }
    case 2: // a label value renamed (selectors and templates stop matching, or start again)
      return replaceMatch(/^(\s+)(app|app\.kubernetes\.io\/name|name|component): ([\w.-]+)$/gm, (m) => `${m[1]}${m[2]}: ${m[3]}${rand(2) ? '-b' : ''}`);
    case 3: // a metadata name renamed (references dangle)
      return replaceMatch(/^( {2})name: ([\w.-]+)$/gm, (m) => `${m[1]}name: ${m[2]}${['-x', '1', ''][rand(3)]}`);
    case 4: // a document deleted (a ConfigMap, a Service…)
      return docs.length > 1 ? docs.filter((_, i) => i !== rand(docs.length)).join('---\n') : text;
    case 5: // a document duplicated (a duplicate object)
      return `${text}${text.endsWith('\n') ? '' : '\n'}---\n${docs[rand(docs.length)]}`;
    default: // a port renamed
      return replaceMatch(/^(\s+)(- )?(name|targetPort|port): ([\w-]+)$/gm, (m) => `${m[1]}${m[2] ?? ''}${m[3]}: ${m[4]}${rand(2) ? 'z' : ''}`);
  }
}

for (const project of readdirSync(CORPUS).filter((p) => statSync(join(CORPUS, p)).isDirectory())) {
  test(`workspace findings after random edits equal a fresh run: ${project}`, () => {
    const files = yamlFiles(join(CORPUS, project));
    const uris = files.map((f) => `file:///${f.replace(/^\.\.\//, '')}`);
    for (const seed of [1, 2, 3]) {
      let s = seed * 7919;
      const rand: Rand = (n) => ((s = (s * 1103515245 + 12345) % 2147483648) % n);
      let ws = Workspace.empty(namespaced, true);
      files.forEach((f, i) => (ws = ws.withFile(uris[i], readFileSync(f, 'utf8'), 1)));
      const host = new Host();
      // Every file diagnosed once, so each has entries to reuse or drop.
      for (const uri of uris) host.diagnose(ws, uri);
      for (let i = 0; i < 12; i++) {
        const uri = uris[rand(uris.length)];
        ws = ws.withFile(uri, edit(ws.file(uri)!.parsed.text, rand), i + 2);
        // The edited file's index entries (reused for reused documents) equal a fresh indexing.
        assert.equal(indexed(ws, uri), indexed(Workspace.empty(namespaced, true).withFile(uri, ws.file(uri)!.parsed.text, 1), uri), `${project} seed ${seed} edit ${i + 1}: index of ${uri}`);
        // The edited file and two others (its dependents, or not).
        for (const checked of [uri, uris[rand(uris.length)], uris[rand(uris.length)]]) {
          assert.equal(host.diagnose(ws, checked), fresh(ws, checked), `${project} seed ${seed} edit ${i + 1}: ${checked}`);
        }
      }
      assert.ok(host.workspaceCache.reused > 0, 'some documents were reused');
    }
  });
}

const workload = (name: string, config: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          envFrom:
            - configMapRef:
                name: ${config}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${config}
data:
  a: "1"
`;

test('an edit recomputes only the documents that read what it changed', () => {
  const uri = 'file:///w/app.yaml';
  const text = `${['web', 'api', 'jobs'].map((n) => workload(n, `${n}-config`)).join('---\n')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lonely\ndata:\n  b: "2"\n`;
  const host = new Host();
  let ws = Workspace.empty(namespaced, true).withFile(uri, text, 1);
  host.diagnose(ws, uri);
  assert.equal(host.workspaceCache.recomputed, 10, 'the first analysis computes every document');
  const editAndCount = (from: string, to: string) => {
    ws = ws.withFile(uri, ws.file(uri)!.parsed.text.replace(from, to), 2);
    host.workspaceCache.recomputed = 0;
    assert.equal(host.diagnose(ws, uri), fresh(ws, uri));
    return host.workspaceCache.recomputed;
  };
  // No rule of another document reads a ConfigMap nothing references: only its own findings.
  assert.equal(editAndCount('  b: "2"', '  b: "3"'), 1);
  // The Deployment that reads web-config (envFrom) is recomputed with it; the others are not.
  assert.equal(editAndCount('  a: "1"', '  a: "9"'), 2);
  // A workload's labels change the namespace's pod templates: the Services and ConfigMaps ask for
  // those (selectors, stack rules), the other two Deployments do not.
  assert.equal(editAndCount('        app: api', '        app: api2'), 8);
  assert.ok(host.diagnose(ws, uri).includes('service-no-pods'), 'the Service that lost its pods says so');
});

test('the baseline rule is kept per document while the baseline object is the same, and recomputed with a new one', () => {
  const uri = 'file:///w/app.yaml';
  const before = ['web', 'api'].map((n) => workload(n, `${n}-config`)).join('---\n');
  const baselineOf = (text: string) => baselineFromResources('git HEAD', resourcesOfFile(parseFile(text)));
  // Counts the objects it is asked about: a kept entry asks nothing.
  let asked = 0;
  const plain = baselineOf(before);
  const baseline = { label: plain.label, match: (r: Parameters<typeof plain.match>[0]) => (asked++, plain.match(r)) };
  const cache = new FindingsCache();
  const workspaceCache = new WorkspaceFindingsCache();
  const run = (ws: Workspace, b = baseline) => diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG, cache, workspaceCache, baseline: b });
  const uncached = (ws: Workspace, b = baseline) => diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG, baseline: b });
  // The web Deployment's selector changes: immutable against the baseline.
  let ws = Workspace.empty(namespaced, true).withFile(uri, before.replace('      app: web\n  template', '      app: web2\n  template'), 1);
  const first = run(ws);
  assert.ok(first.some((f) => f.ruleId === 'immutable-field'), 'the selector change is found');
  assert.deepEqual(first, uncached(ws));
  // An edit of another document reuses the Deployment's entry, its immutable-field finding included.
  ws = ws.withFile(uri, ws.file(uri)!.parsed.text.replace('  a: "1"', '  a: "2"'), 2);
  workspaceCache.recomputed = 0;
  asked = 0;
  const second = run(ws);
  assert.equal(asked, 2, 'only the edited ConfigMap and the Deployment that reads it are matched against the baseline');
  assert.deepEqual(second, uncached(ws));
  assert.ok(second.some((f) => f.ruleId === 'immutable-field'));
  assert.ok(workspaceCache.recomputed < 3, `only the edited document and its readers are recomputed (${workspaceCache.recomputed})`);
  // A new baseline in which the selector already changed: nothing immutable left, whatever was kept.
  const moved = baselineOf(ws.file(uri)!.parsed.text);
  assert.ok(!run(ws, moved).some((f) => f.ruleId === 'immutable-field'), 'a new baseline recomputes');
  assert.deepEqual(run(ws, moved), uncached(ws, moved));
});

/** Diagnoses `reader` with a host's caches, edits another file, and checks the kept findings against a fresh run. */
function afterAnEditOfAnotherFile(files: Record<string, string>, reader: string, edited: string, from: string, to: string): { before: string; after: string } {
  let ws = Workspace.empty(namespaced, true);
  for (const [uri, text] of Object.entries(files)) ws = ws.withFile(uri, text, 1);
  const host = new Host();
  for (const uri of Object.keys(files)) host.diagnose(ws, uri);
  const before = host.diagnose(ws, reader);
  ws = ws.withFile(edited, files[edited].replace(from, to), 2);
  const after = host.diagnose(ws, reader);
  assert.equal(after, fresh(ws, reader));
  return { before, after };
}

const POD_WITH_SECRET = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      envFrom:
        - secretRef:
            name: web-tls
`;

test('an object a controller produces is a read like any other: its Certificate renamed, the Secret is missing', () => {
  const certificate = 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: web\nspec:\n  secretName: web-tls\n';
  const { before, after } = afterAnEditOfAnotherFile({ 'file:///w/cert.yaml': certificate, 'file:///w/pod.yaml': POD_WITH_SECRET }, 'file:///w/pod.yaml', 'file:///w/cert.yaml', 'secretName: web-tls', 'secretName: other-tls');
  assert.ok(!before.includes('missing-reference') && after.includes('missing-reference'), 'the Secret went missing with its producer');
});

test('a Kustomize patch is a read like any other: the patched Secret renamed, the reference to it is missing', () => {
  const files = {
    'file:///w/prod/kustomization.yaml': 'resources:\n  - ../base\npatches:\n  - path: tls.yaml\n',
    'file:///w/prod/tls.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\nstringData:\n  tls.crt: x\n',
    'file:///w/pod.yaml': POD_WITH_SECRET,
  };
  const { before, after } = afterAnEditOfAnotherFile(files, 'file:///w/pod.yaml', 'file:///w/prod/tls.yaml', 'name: web-tls', 'name: web-tls2');
  assert.ok(!before.includes('missing-reference') && after.includes('missing-reference'), 'the reference no longer finds the patched Secret');
});

test('a change too large to keep in the log (a file of thousands of objects closed) recomputes the entries checked before it', () => {
  const lonely = 'file:///w/lonely.yaml';
  const big = 'file:///w/generated.yaml';
  const many = Array.from({ length: 2100 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: generated-${i}\ndata:\n  k: v\n`).join('---\n');
  let ws = Workspace.empty(namespaced, true).withFile(lonely, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lonely\ndata:\n  a: "1"\n', 1).withFile(big, many, 1);
  const host = new Host();
  host.diagnose(ws, lonely);
  ws = ws.withoutFile(big).withFile(big, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n', 2);
  host.workspaceCache.recomputed = 0;
  assert.equal(host.diagnose(ws, lonely), fresh(ws, lonely));
  // Its reads (its own name and kind) are not among the 2,100 changed names (4,200 keys with their `named` ones), but the step was not kept.
  assert.equal(host.workspaceCache.recomputed, 1);
});
