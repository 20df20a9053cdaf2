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
const index = JSON.parse(fs.readFileSync(path.join(schemasDir, 'index.json'), 'utf8'));
const definitions = {};
const kindIndex = {};
const oneOf = [];
for (const entry of index.kinds) {
  if (!entry.file || entry.subresource) continue;
  const { $schema: _schema, $id: _id, definitions: defs, ...root } = JSON.parse(fs.readFileSync(path.join(schemasDir, entry.file), 'utf8'));
  Object.assign(definitions, defs ?? {});
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
