// Realistic cluster content for tests: namespace `demo` with a healthy, a progressing and a
// crash-looping Deployment, their pods and logs, Services, config, a Secret, a PVC, a Job, a
// CronJob, an Ingress, events and a custom resource.
import { findType } from './resources';
import type { KubeApiTestServer } from './server';
import type { Obj } from './store';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
const b64 = (s: string) => Buffer.from(s).toString('base64');

function deployment(name: string, replicas: number, ready: number, image: string): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'demo', labels: { app: name }, creationTimestamp: minutesAgo(300) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ports: [{ name: 'http', containerPort: 8080 }], envFrom: [{ configMapRef: { name: 'app-config' } }] }] } },
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      conditions: [
        { type: 'Available', status: ready === replicas ? 'True' : 'False', reason: ready === replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable', message: ready === replicas ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.', lastTransitionTime: minutesAgo(200) },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}-7d9f8b6c5d" has successfully progressed.`, lastTransitionTime: minutesAgo(290) },
      ],
    },
  };
}

function pod(owner: string, suffix: string, image: string, state: 'running' | 'crash' | 'pending'): Obj {
  const name = `${owner}-7d9f8b6c5d-${suffix}`;
  const containerState =
    state === 'running'
      ? { running: { startedAt: minutesAgo(290) } }
      : state === 'crash'
        ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${owner} pod=${name}` } }
        : { waiting: { reason: 'ContainerCreating' } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'demo', labels: { app: owner, 'pod-template-hash': '7d9f8b6c5d' }, creationTimestamp: minutesAgo(290), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${owner}-7d9f8b6c5d`, uid: 'rs-uid', controller: true }] },
    spec: { nodeName: 'node-1', containers: [{ name: owner, image }] },
    status: {
      phase: state === 'pending' ? 'Pending' : 'Running',
      podIP: '10.244.0.12',
      conditions: [{ type: 'Ready', status: state === 'running' ? 'True' : 'False', lastTransitionTime: minutesAgo(280) }],
      containerStatuses: [
        {
          name: owner,
          image,
          ready: state === 'running',
          restartCount: state === 'crash' ? 7 : 0,
          state: containerState,
          ...(state === 'crash' ? { lastState: { terminated: { exitCode: 1, reason: 'Error', message: 'SQLSTATE[HY000] [2002] Connection refused', finishedAt: minutesAgo(3) } } } : {}),
        },
      ],
    },
  };
}

export function seedCluster(server: KubeApiTestServer): void {
  const add = (o: Obj) => server.seed(o);
  for (const ns of ['default', 'demo', 'kube-system']) add({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, creationTimestamp: minutesAgo(10_000) }, status: { phase: 'Active' } });
  add(deployment('web', 3, 3, 'nginx:1.27.3'));
  add(deployment('api', 3, 1, 'ghcr.io/acme/api:2.4.1'));
  add(deployment('worker', 1, 0, 'ghcr.io/acme/api:2.4.1'));
  for (const s of ['abcde', 'fghij', 'klmno']) add(pod('web', s, 'nginx:1.27.3', 'running'));
  add(pod('api', 'pqrst', 'ghcr.io/acme/api:2.4.1', 'running'));
  add(pod('api', 'uvwxy', 'ghcr.io/acme/api:2.4.1', 'pending'));
  add(pod('worker', 'zzzzz', 'ghcr.io/acme/api:2.4.1', 'crash'));
  add({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'demo', creationTimestamp: minutesAgo(300) }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.2', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] } });
  add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'demo', creationTimestamp: minutesAgo(300) }, data: { APP_ENV: 'production', DB_HOST: 'mariadb' } });
  add({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials', namespace: 'demo', creationTimestamp: minutesAgo(300) }, type: 'Opaque', data: { DB_PASSWORD: b64('s3cr3t-Pa55'), DB_USER: b64('directus') } });
  add({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'uploads', namespace: 'demo', creationTimestamp: minutesAgo(300) }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } }, status: { phase: 'Bound' } });
  add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'demo', creationTimestamp: minutesAgo(10_000) } });
  add({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'demo', creationTimestamp: minutesAgo(60) }, spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'ghcr.io/acme/api:2.4.1', command: ['php', 'artisan', 'migrate', '--force'] }] } } }, status: { succeeded: 1, completionTime: minutesAgo(58), conditions: [{ type: 'Complete', status: 'True' }] } });
  add({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'scheduler', namespace: 'demo', creationTimestamp: minutesAgo(300) }, spec: { schedule: '* * * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'scheduler', image: 'ghcr.io/acme/api:2.4.1' }] } } } } }, status: { lastScheduleTime: minutesAgo(1) } });
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'demo', creationTimestamp: minutesAgo(300) }, spec: { rules: [{ host: 'demo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] } });
  add({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', creationTimestamp: minutesAgo(10_000) }, spec: { controller: 'k8s.io/ingress-nginx' } });
  add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view', creationTimestamp: minutesAgo(10_000) }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] });
  add({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'demo-tls', namespace: 'demo', creationTimestamp: minutesAgo(300) }, spec: { secretName: 'demo-tls', dnsNames: ['demo.example.com'] } });
  add({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'worker-7d9f8b6c5d-zzzzz.1', namespace: 'demo', creationTimestamp: minutesAgo(2) }, involvedObject: { kind: 'Pod', name: 'worker-7d9f8b6c5d-zzzzz', namespace: 'demo' }, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container worker in pod worker-7d9f8b6c5d-zzzzz_demo', count: 31, lastTimestamp: minutesAgo(1) });
  add({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'api.1', namespace: 'demo', creationTimestamp: minutesAgo(20) }, involvedObject: { kind: 'Deployment', name: 'api', namespace: 'demo' }, type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set api-7d9f8b6c5d to 3', count: 1, lastTimestamp: minutesAgo(20) });
  server.logs.set('demo/web-7d9f8b6c5d-abcde/web', ['10.244.0.1 - - "GET / HTTP/1.1" 200', '10.244.0.1 - - "GET /health HTTP/1.1" 200', '10.244.0.1 - - "GET /about HTTP/1.1" 200']);
  server.logs.set('demo/web-7d9f8b6c5d-fghij/web', ['10.244.0.2 - - "GET / HTTP/1.1" 200']);
  server.logs.set('demo/worker-7d9f8b6c5d-zzzzz/worker/previous', ['Processing jobs...', 'SQLSTATE[HY000] [2002] Connection refused']);
  server.logs.set('demo/worker-7d9f8b6c5d-zzzzz/worker', ['Starting worker']);
}

/** `count` extra pods in `namespace`, for paging tests. */
export function seedManyPods(server: KubeApiTestServer, namespace: string, count: number): void {
  const t = findType('', 'v1', 'pods')!;
  const ns = findType('', 'v1', 'namespaces')!;
  if (!server.store.get(ns, undefined, namespace)) server.store.create(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace }, status: { phase: 'Active' } });
  for (let i = 0; i < count; i++) {
    server.store.create(t, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `load-${String(i).padStart(5, '0')}`, namespace, labels: { app: 'load' } }, spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] }, status: { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] } });
  }
}
