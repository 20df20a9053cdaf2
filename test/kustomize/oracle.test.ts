// The oracle: Kubesight's in-memory build of each kustomization under test/fixtures/kustomize/
// must equal what the real `kubectl kustomize` prints (kustomize v5), compared as parsed objects:
// the same objects, the same names (content-hash suffixes included), the same fields and list
// order. kubectl must be installed (.ci/run installs it): without it, or with a kubectl whose
// kustomize is not v5, these tests fail rather than skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildKustomization } from '../../server/src/core/kustomize/build/build';
import { catalogBuildEnv } from '../../server/src/core/kustomize/build/catalog-env';
import { diskBuildFiles } from '../../server/src/io/kustomize-files';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { decodeManifests, encodeManifest } from '../../server/src/shared/manifest-yaml';

const ROOT = resolve('test/fixtures/kustomize');
const catalog = bundledCatalog();
const fixtures = readdirSync(ROOT).filter((name) => statSync(join(ROOT, name)).isDirectory()).sort();

type Obj = Record<string, unknown>;
const keyOf = (o: Obj) => {
  const metadata = (o.metadata ?? {}) as Obj;
  return `${String(o.apiVersion)}/${String(o.kind)}/${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
};
const byKey = (objects: Obj[]) => [...objects].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

function kubectlKustomize(dir: string): Obj[] {
  return decodeManifests(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }));
}

test('kubectl with kustomize v5 is installed (the oracle needs it)', () => {
  const version = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  assert.match(version, /Kustomize Version: v5\./, `kubectl's kustomize must be v5 for the oracle:\n${version}`);
});

test('the oracle has at least 40 kustomizations', () => {
  assert.ok(fixtures.length >= 40, `only ${fixtures.length}`);
});

/** Ours, through the same YAML text as the CLI prints and decoded as kubectl's output is, equals kubectl's. */
function assertSameBuild(dir: string, expected: Obj[]): void {
  const result = buildKustomization(dir, catalogBuildEnv(catalog, diskBuildFiles));
  assert.equal(result.error?.message, undefined, 'the build succeeds');
  const actual = decodeManifests(result.resources.map((r) => encodeManifest(r.value)).join('---\n'));
  assert.deepEqual(byKey(actual).map(keyOf), byKey(expected).map(keyOf), 'same objects and names');
  assert.deepEqual(byKey(actual), byKey(expected), 'same fields');
}

for (const name of fixtures) {
  test(`oracle: ${name} builds as kubectl kustomize does`, () => {
    const dir = join(ROOT, name);
    const expected = kubectlKustomize(dir);
    assert.ok(expected.length > 0, 'kubectl printed objects');
    assertSameBuild(dir, expected);
  });
}

// The kustomizations of ../shared/realworld: those kubectl builds offline must build the same;
// those it cannot build (a base outside the copied folders) must fail in ours too, never build a part.
const REALWORLD = resolve('../shared/realworld');
const realworld = existsSync(REALWORLD)
  ? readdirSync(REALWORLD, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && /^(kustomization\.ya?ml|Kustomization)$/.test(d.name)).map((d) => d.parentPath).sort()
  : [];

test('realworld: the corpus has kustomizations', () => {
  assert.ok(realworld.length >= 9, `only ${realworld.length}`);
});

for (const dir of realworld) {
  test(`oracle, realworld: ${relative(REALWORLD, dir)}`, () => {
    let expected: Obj[] | undefined;
    try {
      expected = kubectlKustomize(dir);
    } catch {
      expected = undefined;
    }
    if (expected) return assertSameBuild(dir, expected);
    const result = buildKustomization(dir, catalogBuildEnv(catalog, diskBuildFiles));
    assert.ok(result.error, 'kubectl cannot build it offline: neither can we');
  });
}
