#!/usr/bin/env node
// Generates the Kustomize benchmark repository (issue 18 part 7): one base with several
// workloads, their Services, ConfigMaps and Secrets from generators (literals, env files, files),
// and N overlays, each with its namespace, namePrefix, a strategic-merge patch file, an inline
// JSON 6902 patch, an image tag, a merged ConfigMap generator and a Secret generator of its own.
// Every object is valid and every reference resolves, so the builds give few findings and an
// edit's cost is the checking, not the reporting.
//   node bench/gen-kustomize.mjs [--out DIR] [--overlays N]   (default bench/workloads/kustomize, 20)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const out = path.resolve(option('--out', path.join(here, 'workloads', 'kustomize')));
const overlays = Number(option('--overlays', '20'));

export const APPS = ['web', 'api', 'worker', 'auth', 'billing', 'search'];
/** Apps with a Service (the worker serves nothing). */
const SERVED = APPS.filter((a) => a !== 'worker');

/**
 * A Deployment that reads the generated ConfigMaps and Secret; `level` is the LOG_LEVEL the
 * benchmark edits. The web Deployment also reads a key the generated ConfigMap lacks: the one
 * deliberate finding, which shows (by its "(in overlays …)") that the base is checked through
 * the builds.
 */
export function deployment(app, level = 'info') {
  const timeout = app === 'web' ? '\n            - name: TIMEOUT\n              valueFrom:\n                configMapKeyRef:\n                  name: app-config\n                  key: TIMEOUT' : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  labels:
    app: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: ${app}
          image: example/${app}:1.0.0
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: ${level}
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db
                  key: PASSWORD
            - name: FEATURES
              valueFrom:
                configMapKeyRef:
                  name: app-config
                  key: FEATURES${timeout}
          envFrom:
            - configMapRef:
                name: ${app}-env
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          volumeMounts:
            - name: config
              mountPath: /etc/${app}
      volumes:
        - name: config
          configMap:
            name: app-config
`;
}

function service(app) {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
spec:
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

function baseKustomization() {
  const envs = APPS.map((a) => `  - name: ${a}-env\n    envs:\n      - config/${a}.env\n`).join('');
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
labels:
  - pairs:
      app.kubernetes.io/part-of: shop
resources:
${APPS.map((a) => `  - ${a}.yaml\n`).join('')}${SERVED.map((a) => `  - ${a}-service.yaml\n`).join('')}configMapGenerator:
  - name: app-config
    literals:
      - FEATURES=search,billing
    files:
      - config/app.properties
${envs}secretGenerator:
  - name: db
    literals:
      - PASSWORD=change-me
      - USER=shop
`;
}

function overlayKustomization(i) {
  const name = `env-${String(i).padStart(2, '0')}`;
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${name}
namePrefix: ${name}-
resources:
  - ../../base
patches:
  - path: web-patch.yaml
  - target:
      kind: Deployment
      name: api
    patch: |-
      - op: replace
        path: /spec/replicas
        value: ${1 + (i % 4)}
images:
  - name: example/web
    newTag: 1.${i}.0
  - name: example/api
    newName: registry.example.com/api
    newTag: 2.${i}.0
configMapGenerator:
  - name: app-config
    behavior: merge
    literals:
      - ENVIRONMENT=${name}
secretGenerator:
  - name: ${name}-token
    literals:
      - TOKEN=t${i}
`;
}

function webPatch(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${2 + (i % 3)}
  template:
    spec:
      containers:
        - name: web
          resources:
            limits:
              memory: ${256 + 64 * (i % 4)}Mi
`;
}

export function generate(dir, count) {
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('base/kustomization.yaml', baseKustomization());
  for (const a of APPS) write(`base/${a}.yaml`, deployment(a));
  for (const a of SERVED) write(`base/${a}-service.yaml`, service(a));
  write('base/config/app.properties', 'cache.size=64\nsearch.timeout=2s\n');
  for (const a of APPS) write(`base/config/${a}.env`, `APP_NAME=${a}\nPORT=8080\n`);
  for (let i = 0; i < count; i++) {
    const name = `env-${String(i).padStart(2, '0')}`;
    write(`overlays/${name}/kustomization.yaml`, overlayKustomization(i));
    write(`overlays/${name}/web-patch.yaml`, webPatch(i));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  generate(out, overlays);
  console.error(`gen-kustomize: ${overlays} overlays of one base in ${path.relative(process.cwd(), out)}`);
}
