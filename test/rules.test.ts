// Rule fixtures: YAML files with the expected findings written under the line they are about:
//   image: nginx
//   #      ^^^^^ warning image-tag -- has no tag
// Carets mark the columns of the line above (markers excluded); a caret in column 1 also stands
// for column 0, which the `#` of the marker occupies. `#> name.yaml` starts another file
// of the same workspace. Compared findings: every finding of the fixture folder's rule, and every
// error of any rule (an unexpected error always fails); in valid*.yaml everything but information
// of other rules (the folder's own rule must be silent there, whatever its severity).
// An internal-error finding (a rule that threw, a schema that did not compile) is always compared.
// The workspace's CRDs define custom kinds, as in the CLI and the editor.
// A `#> @baseline` section is not part of the workspace: it is the objects' earlier version (a
// git ref) for the immutable-field rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import { Workspace } from '../server/src/core/workspace/workspace';
import { WorkspaceCatalog } from '../server/src/core/workspace/custom-kinds';
import { bundledCatalog } from '../server/src/io/schema-source';
import { baselineFromResources } from '../server/src/core/immutable/baseline';
import { parseFile } from '../server/src/core/model/parse';
import { resourcesOfFile } from '../server/src/core/model/resource';
import { documentValue } from '../server/src/core/model/parse';
import type { FileFacts } from '../server/src/core/model/templates';
import { isKustomizationUri } from '../server/src/core/kustomize/kustomization';
import { namedPaths } from '../server/src/core/kustomize/listed-paths';
import { resolveRelative } from '../server/src/core/kustomize/uri-path';

const ROOT = 'test/fixtures/rules';
const MARKER = /^\s*#(\s*)(\^+)\s+(error|warning|info|hint)\s+([a-z0-9/-]+)(?:\s+--\s+(.*))?$/;
const catalog = bundledCatalog();

interface Expectation {
  line: number;
  start: number;
  end: number;
  severity: string;
  rule: string;
  message?: string;
}

function splitFiles(text: string): { name: string; text: string }[] {
  const files: { name: string; lines: string[] }[] = [{ name: 'main.yaml', lines: [] }];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const m = /^#>\s*(\S+)/.exec(line);
    if (m) files.push({ name: m[1], lines: [] });
    else files[files.length - 1].lines.push(line);
  }
  return files.map((f) => ({ name: f.name, text: `${f.lines.join('\n')}\n` }));
}

/** What a host would find at a kustomization's paths, when the fixture's files are the disk (folders are their files' prefixes). */
function kustomizePathsAmong(file: { name: string; text: string }, names: string[]): FileFacts['kustomizePaths'] {
  if (!isKustomizationUri(file.name)) return undefined;
  const value = documentValue(parseFile(file.text).documents[0]);
  if (!value || typeof value !== 'object') return undefined;
  const folder = file.name.includes('/') ? file.name.slice(0, file.name.lastIndexOf('/')) : '';
  const out: Record<string, 'file' | 'directory' | 'kustomization' | 'missing'> = {};
  for (const { path, remote } of namedPaths(value as Record<string, unknown>)) {
    if (remote) continue;
    const full = resolveRelative(folder, path) ?? path;
    const prefix = full === '' ? '' : `${full}/`;
    const inside = names.filter((n) => n.startsWith(prefix));
    out[path] = names.includes(full) ? 'file' : inside.some((n) => isKustomizationUri(n) && !n.slice(prefix.length).includes('/')) ? 'kustomization' : inside.length > 0 ? 'directory' : 'missing';
  }
  return out;
}

function expectations(text: string): Expectation[] {
  const lines = text.split('\n');
  const out: Expectation[] = [];
  let target = -1;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const start = line.indexOf('^');
    out.push({ line: target, start, end: start + m[2].length, severity: m[3], rule: m[4], message: m[5]?.trim() });
  });
  return out;
}

/** Same start and end; a marker in column 1 may stand for column 0 (same length). */
function sameColumns(a: { start: number; end: number }, e: Expectation): boolean {
  const shift = e.start === 1 && a.start === 0 ? 1 : 0;
  return a.start + shift === e.start && (a.end === -1 || a.end + shift === e.end);
}

/** Rule folders: `schema/enum` is test/fixtures/rules/schema/enum/ (a category folder holds its rules' folders). */
function ruleFolders(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const inner = readdirSync(join(ROOT, d.name), { withFileTypes: true });
      return inner.some((e) => e.isDirectory()) ? inner.filter((e) => e.isDirectory()).map((e) => `${d.name}/${e.name}`) : [d.name];
    })
    .sort();
}

for (const rule of ruleFolders()) {
  for (const fixture of readdirSync(join(ROOT, rule)).filter((f) => f.endsWith('.yaml')).sort()) {
    test(`${rule}/${fixture}`, () => {
      const all = splitFiles(readFileSync(join(ROOT, rule, fixture), 'utf8'));
      const files = all.filter((f) => f.name !== '@baseline');
      const baselineText = all.find((f) => f.name === '@baseline')?.text;
      const baseline = baselineText ? baselineFromResources('git HEAD', resourcesOfFile(parseFile(baselineText))) : undefined;
      let ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, true);
      // The kustomization rule's fixtures are their own disk: a path names one of their files or folders.
      const disk = rule === 'kustomization' ? files.map((x) => x.name) : undefined;
      for (const f of files) ws = ws.withFile(f.name, f.text, 0, disk ? { kustomizePaths: kustomizePathsAmong(f, disk) } : {});
      const valid = fixture.startsWith('valid');
      // As in the CLI and the editor: the workspace's CRDs add their kinds to the catalog.
      const withCrds = new WorkspaceCatalog(catalog).for(ws);
      for (const f of files) {
        const expected = expectations(f.text);
        const actual = diagnoseWorkspaceFile(ws, f.name, { catalog: withCrds, config: DEFAULT_CONFIG, baseline })
          .filter((d) => (valid ? d.severity !== 'info' || d.ruleId === rule : d.ruleId === rule || d.severity === 'error') || d.ruleId === 'internal-error' || expected.some((e) => e.rule === d.ruleId))
          .map((d) => {
            const s = ws.file(f.name)!.parsed.lines.positionAt(d.start);
            const e = ws.file(f.name)!.parsed.lines.positionAt(d.end);
            return { line: s.line, start: s.character, end: e.line === s.line ? e.character : -1, severity: d.severity, rule: d.ruleId, message: d.message };
          });
        const describe = (x: { line: number; start: number; end: number; severity: string; rule: string }) => `${f.name}:${x.line + 1}:${x.start + 1}-${x.end + 1} ${x.severity} ${x.rule}`;
        const unmatched = [...actual];
        // The docs show example.yaml's messages as the rule's own words: there they must be whole.
        const said = (a: { message: string }, message: string) => (fixture === 'example.yaml' ? a.message === message : a.message.includes(message));
        for (const e of expected) {
          const i = unmatched.findIndex((a) => a.line === e.line && sameColumns(a, e) && a.severity === e.severity && a.rule === e.rule && (!e.message || said(a, e.message)));
          assert.ok(i >= 0, `expected ${describe(e)}${e.message ? ` "${e.message}"` : ''}; got:\n${actual.map((a) => `  ${describe(a)} ${a.message}`).join('\n')}`);
          unmatched.splice(i, 1);
        }
        assert.deepEqual(unmatched.map((a) => `${describe(a)} ${a.message}`), [], 'unexpected findings');
      }
    });
  }
}
