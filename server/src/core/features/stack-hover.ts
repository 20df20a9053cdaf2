// Hover on a workload's `kind`, name or image says which application it runs (as the stack rules
// see it) and links to that application's deployment docs.
import type { ParsedFile } from '../model/parse';
import type { FieldPath } from '../model/path';
import { resourcesAt } from '../model/resource';
import { APP_INFO, detectApp } from '../stacks/detect';
import type { Workspace } from '../workspace/workspace';

const ROLE_TEXT = { api: 'web/API', worker: 'queue worker', scheduler: 'scheduler', migrate: 'migrations' } as const;

export function stackNote(file: ParsedFile, offset: number, path: FieldPath, workspace?: Workspace): string | undefined {
  const last = path[path.length - 1];
  const relevant = (path.length === 1 && last === 'kind') || (path.length === 2 && path[0] === 'metadata' && last === 'name') || last === 'image';
  if (!relevant) return undefined;
  const resource = resourcesAt(file, offset)[0];
  const app = resource && detectApp(resource, workspace);
  if (!app) return undefined;
  const info = APP_INFO[app.app];
  const role = app.role ? ` — ${ROLE_TEXT[app.role]}` : '';
  return `**Kubesight:** runs ${info.title}${role} (recognised by ${app.evidence}). [Deployment guide](${info.docs})`;
}
