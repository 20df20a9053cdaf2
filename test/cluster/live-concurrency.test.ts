// The live lenses and the live baseline look objects up CLUSTER_CONCURRENCY (6) at a time: on a
// slow cluster a file's lenses no longer wait one round trip after another, and the API server
// never sees more than 6 of our requests at once. Counted in the API test server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { CLUSTER_CONCURRENCY } from '../../client/src/cluster/concurrency';
import { Discovery } from '../../client/src/cluster/discovery';
import { fetchLiveBaseline } from '../../client/src/cluster/live-baseline';
import { liveStates } from '../../client/src/cluster/live-status';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
before(async () => {
  f = await startCluster();
});
after(() => f.server.close());

const DELAY_MS = 150;

// 12 objects: in the cluster, drifted, not in the cluster, a missing namespace, a custom resource.
const FILE = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.28.0"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 3
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: "ghcr.io/acme/api:2.4.1"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker}
spec:
  replicas: 1
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec: {containers: [{name: worker, image: "ghcr.io/acme/api:2.4.1"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fresh}
spec:
  selector: {matchLabels: {app: fresh}}
  template:
    metadata: {labels: {app: fresh}}
    spec: {containers: [{name: fresh, image: "nginx:1.27.3"}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ghost, namespace: shop}
spec:
  selector: {matchLabels: {app: ghost}}
  template:
    metadata: {labels: {app: ghost}}
    spec: {containers: [{name: ghost, image: "nginx:1.27.3"}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {APP_ENV: staging, DB_HOST: mariadb}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: "ghcr.io/acme/api:2.4.1", command: [php, artisan, migrate, --force]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: scheduler}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: scheduler, image: "ghcr.io/acme/api:2.4.1"}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules: [{host: demo.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}}]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: demo-tls}
spec: {secretName: demo-tls, dnsNames: [demo.example.com, www.example.com]}
`;
const manifests = FILE.split(/^---$/m).map((d) => parse(d) as Record<string, unknown>);

/** Runs `fn` with every request delayed by DELAY_MS; returns its result, the time and the most requests at once. */
async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; maxInFlight: number; requests: number }> {
  f.server.fault = { delayMs: DELAY_MS };
  f.server.maxInFlight = f.server.inFlight;
  const firstRequest = f.server.requests.length;
  const start = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - start, maxInFlight: f.server.maxInFlight, requests: f.server.requests.length - firstRequest };
  } finally {
    f.server.fault = undefined;
  }
}

test('lens states of a 12-object file: at most 6 requests in flight, same states as one at a time', async () => {
  assert.equal(manifests.length, 12);
  assert.equal(CLUSTER_CONCURRENCY, 6);
  const sequential = await liveStates(f.connect(), new Discovery(f.connect()), manifests, 'demo', { concurrency: 1 });
  const conn = f.connect();
  const run = await measured(() => liveStates(conn, new Discovery(conn), manifests, 'demo'));
  const texts = run.result.map((s) => s?.text);
  assert.deepEqual(texts, [
    '3/3 ready · 1 field differs',
    'progressing 1/3',
    'failed: CrashLoopBackOff',
    'not in cluster',
    'not in cluster · namespace "shop" does not exist yet',
    'ClusterIP 10.96.0.2',
    'in cluster · 1 field differs',
    'Bound',
    'complete 1/1',
    '* * * * * · 1 field differs',
    'in cluster',
    'in cluster · 1 field differs',
  ]);
  assert.deepEqual(run.result, sequential, 'the same states (plans, live objects, changes) as computed one at a time');
  assert.ok(run.maxInFlight <= CLUSTER_CONCURRENCY, `at most ${CLUSTER_CONCURRENCY} requests at once, saw ${run.maxInFlight}`);
  assert.ok(run.maxInFlight >= 2, `requests overlap (saw ${run.maxInFlight} at once)`);
  // One at a time this takes requests × DELAY_MS (~7 s); overlapping, about a sixth of it. The
  // bound is generous for slow CI machines: half of the sequential time.
  const oneAtATime = run.requests * DELAY_MS;
  assert.ok(run.ms < oneAtATime / 2, `${Math.round(run.ms)} ms for ${run.requests} requests of ${DELAY_MS} ms (one at a time: ${oneAtATime} ms)`);
  console.log(`lens states: ${run.requests} requests, at most ${run.maxInFlight} at once, ${Math.round(run.ms)} ms (one at a time ≥ ${oneAtATime} ms)`);
});

test('an aborted lens refresh stops sending requests', async () => {
  const conn = f.connect();
  const controller = new AbortController();
  const run = measured(() => liveStates(conn, new Discovery(conn), manifests, 'demo', { signal: controller.signal }));
  setTimeout(() => controller.abort(), DELAY_MS / 2);
  await assert.rejects(run, { name: 'AbortError' });
  const sent = f.server.requests.length;
  await new Promise((r) => setTimeout(r, DELAY_MS * 3));
  assert.equal(f.server.requests.length, sent, 'no request after the abort');
});

test('live baseline of 24 objects: at most 6 GETs in flight, every live object found', async () => {
  const many = [...manifests, ...manifests.map((m) => ({ ...m, metadata: { ...(m.metadata as object), name: `${(m.metadata as { name: string }).name}-copy` } }))];
  const conn = f.connect();
  const run = await measured(() => fetchLiveBaseline(conn, many, 'demo'));
  assert.deepEqual(
    run.result.objects.map((o) => `${o.kind}/${o.metadata.name}`),
    ['Deployment/web', 'Deployment/api', 'Deployment/worker', 'Service/web', 'ConfigMap/app-config', 'PersistentVolumeClaim/uploads', 'Job/migrate', 'CronJob/scheduler', 'Ingress/web', 'Certificate/demo-tls'],
  );
  assert.ok(run.maxInFlight <= CLUSTER_CONCURRENCY, `at most ${CLUSTER_CONCURRENCY} requests at once, saw ${run.maxInFlight}`);
  assert.ok(run.maxInFlight >= 2, `requests overlap (saw ${run.maxInFlight} at once)`);
  console.log(`live baseline: ${run.requests} requests, at most ${run.maxInFlight} at once, ${Math.round(run.ms)} ms`);
});

test('lenses and the live baseline share their GETs of the same objects; a write forgets them', async () => {
  const conn = f.connect();
  const WEB = '/apis/apps/v1/namespaces/demo/deployments/web';
  const getsOfWeb = (from: number) => f.server.requests.slice(from).filter((r) => r.method === 'GET' && r.path === WEB).length;
  const start = f.server.requests.length;
  const states = await liveStates(conn, new Discovery(conn), manifests, 'demo');
  const baseline = await fetchLiveBaseline(conn, manifests, 'demo');
  assert.equal(states[0]?.text, '3/3 ready · 1 field differs');
  assert.ok(baseline.objects.some((o) => o.kind === 'Deployment' && o.metadata.name === 'web'));
  assert.equal(getsOfWeb(start), 1, 'the lens and the baseline read Deployment web once, together');
  assert.ok(f.server.requests.slice(start).some((r) => r.method === 'PATCH' && r.query.get('dryRun') === 'All'), 'the lenses dry-run (which forgets nothing)');

  await conn.request({ method: 'PATCH', path: WEB, body: JSON.stringify({ metadata: { labels: { touched: 'yes' } } }), contentType: 'application/merge-patch+json' });
  const afterWrite = f.server.requests.length;
  const again = await fetchLiveBaseline(conn, manifests, 'demo');
  assert.equal(getsOfWeb(afterWrite), 1, 'after a write the baseline asks the cluster again');
  assert.equal(again.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web')?.metadata.labels.touched, 'yes');
});
