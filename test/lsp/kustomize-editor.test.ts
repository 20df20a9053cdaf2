// The Kustomize editor features over LSP (issue 18, part 4): definition from a patch to its
// target, completion of paths and patch targets, hover with the overlays' values, and the build
// preview's diagnostics.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Diagnostic } from './client';
import { tempWorkspace } from '../temp-workspace';
import { WEB_DEPLOYMENT } from '../kustomize/manifests';

const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
const replicas = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  template:\n    metadata:\n      labels: {app: webb}\n';
const overlay = 'namespace: prod\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n';
const files: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\n',
  'base/deployment.yaml': WEB_DEPLOYMENT.replace('spec:\n  selector', 'spec:\n  replicas: 1\n  selector'),
  'base/service.yaml': service,
  'overlays/prod/kustomization.yaml': overlay,
  'overlays/prod/replicas.yaml': replicas,
};
const dir = tempWorkspace('kubesight-kedit-', files);
const uri = (path: string) => pathToFileURL(join(dir, path)).href;
/** The LSP position of the first `needle` in a file (plus `shift` characters). */
function position(path: string, needle: string, shift = 1): { line: number; character: number } {
  const before = files[path].slice(0, files[path].indexOf(needle) + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
type Range = { start: { line: number; character: number } };

let client: LspClient;
let serviceDiagnostics: Promise<Diagnostic[]>;
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
  serviceDiagnostics = client.diagnosticsWhere(uri('base/service.yaml'), (d) => d.some((x) => x.message.includes('in overlay')));
  for (const [path, text] of Object.entries(files)) await client.open(uri(path), text);
});
after(() => client.close());

test('definition from a patch goes to the object it changes, at its name in the base', async () => {
  const found = await client.request<{ uri: string; range: Range }[]>('textDocument/definition', { textDocument: { uri: uri('overlays/prod/replicas.yaml') }, position: position('overlays/prod/replicas.yaml', 'replicas: 4') });
  assert.deepEqual(found.map((l) => [l.uri, l.range.start.line]), [[uri('base/deployment.yaml'), 3]]);
});

test('completion of a generator file offers the folder files; of a patch target kind the kinds the patches see', async () => {
  const k = uri('overlays/prod/kustomization.yaml');
  const withEntry = `${overlay}  - path: replicas.yaml\n    target:\n      kind: \nconfigMapGenerator:\n  - name: x\n    files:\n      - \n`;
  await client.change(k, 2, withEntry);
  const lines = withEntry.split('\n');
  const labels = async (line: number) => (await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: k }, position: { line, character: lines[line].length } })).map((i) => i.label);
  try {
    // The generator being typed is one more object the patches see.
    assert.deepEqual(await labels(lines.indexOf('      kind: ')), ['ConfigMap', 'Service', 'Deployment']);
    assert.deepEqual(await labels(lines.lastIndexOf('      - ')), ['replicas.yaml']);
  } finally {
    await client.change(k, 3, overlay);
  }
});

test("hover on a base field shows the overlay's value and the patch line that set it", async () => {
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: uri('base/deployment.yaml') }, position: position('base/deployment.yaml', 'replicas') });
  assert.match(hover.contents.value, /\*\*In overlays\*\*\n\n- `overlays\/prod`: `4` \(patch overlays\/prod\/replicas\.yaml:6\)$/);
});

test('a base file names the overlay in its diagnostics; the build preview carries the findings on its own lines', async () => {
  const base = await serviceDiagnostics;
  assert.match(base.find((x) => x.code === 'service-no-pods')!.message, /\(in overlay overlays\/prod\)$/);
  const preview = await client.request<{ text: string; diagnostics: { code: string; range: Range }[] }>('kubesight/buildPreview', { uri: uri('overlays/prod/kustomization.yaml') });
  const lines = preview.text.split('\n');
  const at = (code: string) => preview.diagnostics.filter((d) => d.code === code).map((d) => lines[d.range.start.line].trim());
  assert.deepEqual(at('selector-mismatch'), ['app: webb']);
  assert.deepEqual(at('service-no-pods'), ['selector:']);
});

test("the live lenses' request: a base's objects as the overlay builds them for its namespace", async () => {
  const objects = await client.request<{ source: { kind: string; name: string }; overlay: string; manifest: { metadata: { namespace: string }; spec: { replicas: number } } }[]>('kubesight/overlayObjects', { uri: uri('base/deployment.yaml'), namespace: 'prod' });
  assert.deepEqual(objects.map((o) => [o.source.kind, o.source.name, o.overlay, o.manifest.metadata.namespace, o.manifest.spec.replicas]), [['Deployment', 'web', 'overlays/prod', 'prod', 4]]);
  assert.deepEqual(await client.request('kubesight/overlayObjects', { uri: uri('base/deployment.yaml'), namespace: 'staging' }), []);
});
