import { clusterSchemasOf } from '../core/schema/cluster-schemas';
import { liveBaseline } from '../core/immutable/live-baseline';
import { CLUSTER_INDEX_NOTIFICATION, LIVE_BASELINE_NOTIFICATION, type ClusterIndexParams, type LiveBaselineParams } from '../shared/cluster-protocol';
import { CLUSTER_SCHEMAS_NOTIFICATION } from '../shared/cluster-schemas-protocol';
import { secretValueDigest } from '../shared/secret-digest';
import { recheckOpen, reloadBaseline, type ServerContext } from './context';
import { refreshSettings } from './lifecycle';

/** What changes under the open files: settings, files on disk, and what the client says about the cluster. */
export function registerNotifications(ctx: ServerContext): void {
  const { connection, state, publisher } = ctx;
  connection.onDidChangeConfiguration(() => void refreshSettings(ctx).then(() => reloadBaseline(ctx)));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (change.uri.endsWith('.kubesight.yaml')) {
        state.config.invalidate();
        publisher.targetsChanged();
      } else state.store.diskChanged(change.uri, change.type === 3);
    }
    recheckOpen(ctx);
    if (params.changes.some((c) => c.uri.endsWith('.kubesight.yaml'))) publisher.publishConfigFiles();
  });
  registerClusterNotifications(ctx);
}

/** The client's cluster notifications (each null when disconnected); every open file is checked again. */
function registerClusterNotifications(ctx: ServerContext): void {
  const { connection, state, safe } = ctx;
  // The index of the active namespace: targets that exist there are not missing.
  connection.onNotification(CLUSTER_INDEX_NOTIFICATION, (params: unknown) =>
    safe('cluster index', undefined, () => {
      const index = params && typeof params === 'object' ? (params as ClusterIndexParams) : null;
      state.store.setCluster(index);
      const gitVersion = typeof index?.kubernetesVersion === 'string' ? index.kubernetesVersion : undefined;
      state.clusterVersion = index && gitVersion ? { gitVersion, context: String(index.context) } : undefined;
      ctx.publisher.targetsChanged();
      connection.console.info(index ? `kubesight: cluster index of context "${index.context}": ${Array.isArray(index.objects) ? index.objects.length : 0} objects` : 'kubesight: cluster index cleared');
      recheckOpen(ctx);
    }),
  );
  // The OpenAPI documents of its CRD groups (null also when untrusted or offline).
  connection.onNotification(CLUSTER_SCHEMAS_NOTIFICATION, (params: unknown) =>
    safe('cluster schemas', undefined, () => {
      state.clusterSchemas = clusterSchemasOf(params);
      connection.console.info(`kubesight: ${state.clusterSchemas.kinds.length} custom resource schemas from the cluster`);
      recheckOpen(ctx);
    }),
  );
  // The live counterparts of the open files' objects, whatever the git ref.
  connection.onNotification(LIVE_BASELINE_NOTIFICATION, (params: unknown) =>
    safe('live baseline', undefined, () => {
      const p = params && typeof params === 'object' ? (params as LiveBaselineParams) : null;
      state.liveBaseline = p ? liveBaseline(p, secretValueDigest) : undefined;
      connection.console.info(p ? `kubesight: live baseline of context "${p.context}": ${Array.isArray(p.objects) ? p.objects.length : 0} objects` : 'kubesight: live baseline cleared');
      recheckOpen(ctx);
    }),
  );
}
