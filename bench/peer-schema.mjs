// Builds bench/schemas/k8s-1.35-all.json (+ kind-index.json) from OUR bundled schemas/, so the
// peer (yaml-language-server, `yaml.schemas`) and our server validate against the same data.
// Draft-07, a top-level oneOf over every kind; each kind's apiVersion/kind are enums so exactly one
// branch matches, like the "-standalone-strict" schemas users give yaml-language-server.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const schemasDir = path.join(here, '..', 'schemas');
const outDir = path.join(here, 'schemas');
// schemas/ stores every body once (server/src/core/schema/schema-store.ts); 1.35's index names them.
const index = JSON.parse(fs.readFileSync(path.join(schemasDir, '1.35', 'index.json'), 'utf8'));
const bodies = JSON.parse(fs.readFileSync(path.join(schemasDir, 'definitions.json'), 'utf8'));
const definitions = Object.fromEntries(Object.entries(index.definitions).map(([name, hash]) => [name, bodies[hash]]));
const kindIndex = {};
const oneOf = [];
for (const entry of index.kinds) {
  if (!entry.file || entry.subresource) continue;
  const root = JSON.parse(JSON.stringify(bodies[entry.root]));
  const apiVersion = entry.group ? `${entry.group}/${entry.version}` : entry.version;
  const name = `kubesight.${entry.group || 'core'}.${entry.version}.${entry.kind}`;
  root.properties = { ...root.properties, apiVersion: { ...root.properties?.apiVersion, enum: [apiVersion] }, kind: { ...root.properties?.kind, enum: [entry.kind] } };
  root.required = [...new Set([...(root.required ?? []), 'apiVersion', 'kind'])];
  definitions[name] = root;
  kindIndex[`${apiVersion}/${entry.kind}`] = name;
  oneOf.push({ $ref: `#/definitions/${name}` });
}
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'k8s-1.35-all.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'Kubernetes 1.35 (Kubesight bundle)', oneOf, definitions }));
fs.writeFileSync(path.join(outDir, 'kind-index.json'), JSON.stringify(kindIndex, null, 1));
console.log(`peer schema: ${oneOf.length} kinds, ${Object.keys(definitions).length} definitions`);
