// Manifests on the version boundaries the versions tests use (facts from ../shared/k8s-openapi/VERSIONS.md):
// `Lifecycle.stopSignal` first appears in 1.33; `flowcontrol.apiserver.k8s.io/v1beta3` is served up to
// 1.31 and gone from 1.32; `resource.k8s.io/v1` first appears in 1.34.

/** A Deployment whose container sets lifecycle.stopSignal (1.33+). */
export const STOP_SIGNAL = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          lifecycle:
            stopSignal: SIGTERM
`;

/** A FlowSchema of flowcontrol.apiserver.k8s.io/v1beta3 (served up to 1.31). */
export const FLOW_SCHEMA_V1BETA3 = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: health
spec:
  priorityLevelConfiguration:
    name: exempt
  matchingPrecedence: 1000
`;

/** A DeviceClass of resource.k8s.io/v1 (served from 1.34). */
export const DEVICE_CLASS_V1 = `apiVersion: resource.k8s.io/v1
kind: DeviceClass
metadata:
  name: gpu
spec: {}
`;
