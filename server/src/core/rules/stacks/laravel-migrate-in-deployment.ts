import type { FieldPath } from '../../model/path';
import type { Report, WorkspaceContext, Rule } from '../rule';
import { asArray, containersOf, podTemplateOf, valueAt } from '../../workspace/pod-template';
import { hpasTargeting } from '../../stacks/workload';
import type { Workspace } from '../../workspace/workspace';

/** Kinds whose replicas all run the same pod template at the same time. */
const REPLICATED = new Set(['Deployment', 'StatefulSet']);

/**
 * `artisan migrate` and the variants that change the schema (`migrate:fresh`, `:refresh`, `:reset`,
 * `:rollback`); `migrate:status` only reads. Group 1 is the word `migrate…` itself.
 */
const MIGRATE = /artisan["']?\s+(migrate(?::(?:fresh|refresh|reset|rollback))?)(?=$|[\s"';&|)])/;
/** Laravel's own guard: `--isolated` takes a cache lock so only one instance migrates. */
const ISOLATED = /(^|\s)--isolated(=|\s|$)/;

export const laravelMigrateInDeployment: Rule = {
  meta: {
    id: 'laravel-migrate-in-deployment',
    severity: 'warning',
    scope: 'stack',
    description: 'A Deployment or StatefulSet with several replicas (or an HPA) whose container or init container runs `php artisan migrate`.',
    docs: [
      'Running `php artisan migrate` in the application pods (as the command, in an init container,',
      'or in an entrypoint `sh -c "php artisan migrate --force && php-fpm"`) runs the migrations',
      'from every replica at once on each rollout and each scale-up: two pods create the same table,',
      'one fails and crash-loops, or a half-applied migration leaves the schema broken. Run them once',
      'per release in a Job instead (a pre-deploy step of the pipeline, or a Helm',
      '`pre-install,pre-upgrade` hook Job), and let the Deployment only serve.',
      '',
      'The rule fires when `spec.replicas` is above 1, or when a HorizontalPodAutoscaler of the',
      'workspace scales the workload (its `maxReplicas` above 1). A single replica is left alone, and',
      'so is `migrate --isolated` (Laravel 9+: a cache lock lets only one instance migrate; the',
      'cache store must be shared by all pods, e.g. Redis or the database).',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource } = ctx;
    if (!REPLICATED.has(resource.kind) || resource.group !== 'apps') return [];
    const template = podTemplateOf(resource);
    if (!template) return [];
    const migrations = containersOf(template).flatMap(({ container, path }) => migrateCommand(container, path));
    if (migrations.length === 0) return [];
    const scale = scaleOf(ctx, ctx.workspace);
    if (!scale) return [];
    return migrations.map(({ path, command }) => ({
      path,
      at: 'value' as const,
      message: `php artisan ${command} runs in every pod of ${resource.kind} "${resource.name ?? ''}" (${scale}): migrations run concurrently from every replica; run them once in a Job (e.g. a pre-deploy or Helm hook Job) instead`,
    }));
  },
};

/** The path of the `command`/`args` item that holds `migrate` (the whole string of a `sh -c` script). */
function migrateCommand(container: Record<string, unknown>, path: FieldPath): { path: FieldPath; command: string }[] {
  const items = (['command', 'args'] as const).flatMap((field) => asArray(container[field]).map((v, i) => ({ path: [...path, field, i] as FieldPath, text: String(v) })));
  const line = items.map((i) => i.text).join(' ');
  const match = MIGRATE.exec(line);
  if (!match || ISOLATED.test(line)) return [];
  const at = match.index + match[0].length - match[1].length;
  let offset = 0;
  for (const item of items) {
    if (at < offset + item.text.length) return [{ path: item.path, command: match[1] }];
    offset += item.text.length + 1;
  }
  return [];
}

/** Why the workload has several pods ("3 replicas", "scaled up to 10 by HorizontalPodAutoscaler x"), or undefined. */
function scaleOf(ctx: WorkspaceContext, workspace: Workspace | undefined): string | undefined {
  const replicas = valueAt(ctx.resource.value, ['spec', 'replicas']);
  if (typeof replicas === 'number' && replicas > 1) return `${replicas} replicas`;
  if (!workspace) return undefined;
  for (const hpa of hpasTargeting(ctx.resource, workspace)) {
    const max = valueAt(hpa.resource.value, ['spec', 'maxReplicas']);
    if (typeof max === 'number' && max <= 1) continue;
    return typeof max === 'number' ? `scaled up to ${max} replicas by HorizontalPodAutoscaler "${hpa.name}"` : `scaled by HorizontalPodAutoscaler "${hpa.name}"`;
  }
  return undefined;
}
