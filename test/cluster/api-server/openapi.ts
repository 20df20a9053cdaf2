// OpenAPI v3 discovery served from the official 1.35 documents in ../shared/k8s-openapi, so
// kubectl (which reads them for apply and explain) sees the real schemas.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..', 'shared', 'k8s-openapi', '1.35');

function documentPaths(): string[] {
  if (!existsSync(ROOT)) return [];
  const apis = join(ROOT, 'apis');
  const groups = existsSync(apis) ? readdirSync(apis).flatMap((g) => readdirSync(join(apis, g)).map((f) => `apis/${g}/${f.replace(/\.json$/, '')}`)) : [];
  return ['api/v1', ...groups];
}

export function openapiDocument(path: string): string | undefined {
  const file = join(ROOT, `${path}.json`);
  return documentPaths().includes(path) && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function openapiIndex(): object {
  const paths = Object.fromEntries(
    documentPaths().map((p) => [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${createHash('sha256').update(p).digest('hex').slice(0, 32).toUpperCase()}` }]),
  );
  return { paths };
}
