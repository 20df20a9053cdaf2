// Export of a live object without the API server's defaults, from the table the language server
// fills in before comparing (server/src/shared/api-defaults.ts). Plain objects: no API server needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportManifest } from '../../client/src/cluster/export';

const livePod = (container: Record<string, unknown>, volumes: unknown[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'demo', uid: 'u-1', resourceVersion: '7' },
  spec: {
    containers: [{ name: 'web', image: 'nginx:1.27.3', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {}, ...container }],
    volumes,
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    terminationGracePeriodSeconds: 30,
    schedulerName: 'default-scheduler',
    securityContext: {},
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  },
  status: { phase: 'Running' },
});

test('export removes the defaults the language server shares with it: probe httpGet and volume defaultMode', () => {
  const probe = (httpGet: Record<string, unknown>) => ({ httpGet, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
  const live = livePod(
    { livenessProbe: probe({ path: '/', port: 8080, scheme: 'HTTP' }), readinessProbe: probe({ path: '/ready', port: 8080, scheme: 'HTTPS' }) },
    [
      { name: 'config', configMap: { name: 'app-config', defaultMode: 420 } },
      { name: 'keys', secret: { secretName: 'keys', defaultMode: 256 } },
    ],
  );
  const clean = exportManifest(live);
  assert.deepEqual(clean.spec, {
    containers: [{ name: 'web', image: 'nginx:1.27.3', livenessProbe: { httpGet: { port: 8080 } }, readinessProbe: { httpGet: { path: '/ready', port: 8080, scheme: 'HTTPS' } } }],
    volumes: [
      { name: 'config', configMap: { name: 'app-config' } },
      { name: 'keys', secret: { secretName: 'keys', defaultMode: 256 } },
    ],
  });
});

test('export: a tag and a digest keep the tag rule for the pull policy', () => {
  const image = 'nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000';
  assert.deepEqual(exportManifest(livePod({ image, imagePullPolicy: 'Always' })).spec.containers[0], { name: 'web', image });
  assert.deepEqual(exportManifest(livePod({ image: 'nginx@sha256:00', imagePullPolicy: 'Always' })).spec.containers[0].imagePullPolicy, 'Always');
});

test('export: Job defaults that depend on other fields are removed only where they are the default', () => {
  const liveJob = (spec: Record<string, unknown>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { completionMode: 'NonIndexed', suspend: false, manualSelector: false, ...spec } });
  assert.deepEqual(exportManifest(liveJob({ parallelism: 1, completions: 1, backoffLimit: 6, podReplacementPolicy: 'TerminatingOrFailed' })).spec, { completions: 1 });
  // completions 1 with parallelism 3 was written: without it the Job would run until any pod succeeds.
  assert.deepEqual(exportManifest(liveJob({ parallelism: 3, completions: 1 })).spec, { parallelism: 3, completions: 1 });
  const perIndex = { completionMode: 'Indexed', completions: 4, parallelism: 1, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [] } };
  assert.deepEqual(exportManifest(liveJob({ ...perIndex, backoffLimit: 2147483647, podReplacementPolicy: 'Failed' })).spec, { completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [] } });
  assert.deepEqual(exportManifest(liveJob({ ...perIndex, backoffLimit: 6 })).spec.backoffLimit, 6);
});
