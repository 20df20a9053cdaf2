// Custom resources of every project of the bundled CRD catalog, written for these tests (not copied
// from upstream examples): one valid object per project, and one with a typo'd field, a wrong type
// and, where the kind's schema has an enum, a value outside it. `expect` lists, per finding, the
// text its range starts at and a pattern of its message.

export interface CatalogCase {
  project: string;
  valid: string;
  invalid: string;
  expect: [at: string, message: RegExp][];
}

export const CASES: CatalogCase[] = [
  {
    project: 'gateway-api',
    valid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
  namespace: web
spec:
  parentRefs:
    - name: edge
      sectionName: https
  hostnames:
    - shop.example.com
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: /api
      filters:
        - type: RequestHeaderModifier
          requestHeaderModifier:
            add:
              - name: X-Shop
                value: "1"
      backendRefs:
        - name: shop-api
          port: 8080
          weight: 90
`,
    invalid: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs:
    - name: edge
  hostname:
    - shop.example.com
  rules:
    - matches:
        - path:
            type: Prefix
            value: /api
      backendRefs:
        - name: shop-api
          port: eighty
`,
    expect: [
      ['hostname:', /unknown field "spec\.hostname" \(did you mean "hostnames"\?\)/],
      ['Prefix', /spec\.rules\[0\]\.matches\[0\]\.path\.type: Unsupported value: "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression"/],
      // The CRD's CEL rule on the match says it too, as the API server does.
      ['path:\n            type: Prefix', /spec\.rules\[0\]\.matches\[0\]\.path: Invalid value: type must be one of/],
      ['eighty', /spec\.rules\[0\]\.backendRefs\[0\]\.port: Invalid value: "string": .*must be of type integer/],
    ],
  },
  {
    project: 'cert-manager',
    valid: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: shop-tls
spec:
  secretName: shop-tls
  dnsNames:
    - shop.example.com
  duration: 2160h
  privateKey:
    algorithm: ECDSA
    size: 256
    rotationPolicy: Always
  issuerRef:
    name: letsencrypt
    kind: ClusterIssuer
    group: cert-manager.io
`,
    invalid: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: shop-tls
spec:
  secretName: shop-tls
  dnsNames: shop.example.com
  privateKey:
    algorithm: RSB
  isuerRef:
    name: letsencrypt
`,
    expect: [
      ['shop.example.com', /spec\.dnsNames: Invalid value: "string": .*must be of type array/],
      ['RSB', /spec\.privateKey\.algorithm: Unsupported value: "RSB"/],
      ['isuerRef', /unknown field "spec\.isuerRef" \(did you mean "issuerRef"\?\)/],
      ['spec:', /spec\.issuerRef: Required value/],
    ],
  },
  {
    project: 'prometheus-operator',
    valid: `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  namespaceSelector:
    matchNames: [web]
  endpoints:
    - port: metrics
      interval: 30s
      path: /metrics
  scrapeProtocols: [PrometheusText0.0.4]
`,
    invalid: `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: shop
spec:
  selector:
    matchLabels:
      app: shop
  endpoints:
    - port: metrics
  sampleLimit: lots
  serviceDiscoveryRole: Pods
  jobLabl: app
`,
    expect: [
      ['lots', /spec\.sampleLimit: Invalid value: "string": .*must be of type integer/],
      ['Pods', /spec\.serviceDiscoveryRole: Unsupported value: "Pods"/],
      ['jobLabl', /unknown field "spec\.jobLabl" \(did you mean "jobLabel"\?\)/],
    ],
  },
  {
    project: 'argo-cd',
    valid: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://git.example.com/shop.git
    targetRevision: main
    path: deploy
  destination:
    server: https://kubernetes.default.svc
    namespace: web
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
`,
    invalid: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
spec:
  project: default
  source:
    repoURL: https://git.example.com/shop.git
    targetRevison: main
  destination:
    namespace: web
  revisionHistoryLimit: ten
`,
    expect: [
      ['targetRevison', /unknown field "spec\.source\.targetRevison" \(did you mean "targetRevision"\?\)/],
      ['ten', /spec\.revisionHistoryLimit: Invalid value: "string": .*must be of type integer/],
    ],
  },
  {
    project: 'argo-rollouts',
    valid: `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: shop
          image: registry.example.com/shop:1.4.2
          ports:
            - containerPort: 8080
  strategy:
    canary:
      maxSurge: "25%"
      maxUnavailable: 0
      steps:
        - setWeight: 20
        - pause: {duration: 10m}
        - setWeight: 60
        - pause: {}
`,
    invalid: `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: shop
spec:
  replicas: three
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: shop
          image: registry.example.com/shop:1.4.2
  strategy:
    canary:
      stpes:
        - setWeight: 20
`,
    expect: [
      ['three', /spec\.replicas: Invalid value: "string": .*must be of type integer/],
      ['stpes', /unknown field "spec\.strategy\.canary\.stpes" \(did you mean "steps"\?\)/],
    ],
  },
  {
    project: 'flux-source-controller',
    valid: `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: shop
  namespace: flux-system
spec:
  interval: 5m
  url: https://git.example.com/shop.git
  ref:
    branch: main
  provider: generic
`,
    invalid: `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: shop
spec:
  interval: 5m
  url: https://git.example.com/shop.git
  refs:
    branch: main
  provider: gitlab
  suspend: "no"
`,
    expect: [
      ['refs', /unknown field "spec\.refs" \(did you mean "ref"\?\)/],
      ['gitlab', /spec\.provider: Unsupported value: "gitlab"/],
      ['"no"', /spec\.suspend: Invalid value: "string": .*must be of type boolean/],
    ],
  },
  {
    project: 'flux-kustomize-controller',
    valid: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: shop
  namespace: flux-system
spec:
  interval: 10m
  path: ./deploy
  prune: true
  sourceRef:
    kind: GitRepository
    name: shop
  targetNamespace: web
  deletionPolicy: Delete
`,
    invalid: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: shop
spec:
  interval: 10m
  prune: yes please
  sourceRef:
    kind: GitRepository
    name: shop
  deletionPolicy: Keep
  targetNamspace: web
`,
    expect: [
      ['yes please', /spec\.prune: Invalid value: "string": .*must be of type boolean/],
      ['Keep', /spec\.deletionPolicy: Unsupported value: "Keep"/],
      ['targetNamspace', /unknown field "spec\.targetNamspace" \(did you mean "targetNamespace"\?\)/],
    ],
  },
  {
    project: 'flux-helm-controller',
    valid: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: shop
  namespace: web
spec:
  interval: 10m
  chart:
    spec:
      chart: shop
      version: "1.x"
      sourceRef:
        kind: HelmRepository
        name: shop-charts
  values:
    replicaCount: 2
    anything:
      goes: [here]
  postRenderStrategy: combined
`,
    invalid: `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: shop
spec:
  interval: 10m
  chart:
    spec:
      chart: shop
      sourceRef:
        kind: HelmRepository
        name: shop-charts
  maxHistory: many
  postRenderStrategy: all
  relaseName: shop
`,
    expect: [
      ['many', /spec\.maxHistory: Invalid value: "string": .*must be of type integer/],
      ['all', /spec\.postRenderStrategy: Unsupported value: "all"/],
      ['relaseName', /unknown field "spec\.relaseName" \(did you mean "releaseName"\?\)/],
    ],
  },
  {
    project: 'external-secrets',
    valid: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: shop-db
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: vault
  target:
    name: shop-db
    creationPolicy: Owner
  data:
    - secretKey: password
      remoteRef:
        key: shop/db
        property: password
`,
    invalid: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: shop-db
spec:
  secretStoreRef:
    kind: Vault
    name: vault
  target:
    immutable: sometimes
  dta:
    - secretKey: password
      remoteRef:
        key: shop/db
`,
    expect: [
      ['Vault', /spec\.secretStoreRef\.kind: Unsupported value: "Vault"/],
      ['sometimes', /spec\.target\.immutable: Invalid value: "string": .*must be of type boolean/],
      ['dta', /unknown field "spec\.dta" \(did you mean "data"\?\)/],
    ],
  },
  {
    project: 'sealed-secrets',
    valid: `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: shop-db
  namespace: web
spec:
  encryptedData:
    password: AgBy3i4OJSWK+PiTySYZZA==
  template:
    metadata:
      name: shop-db
      labels:
        app: shop
    type: Opaque
`,
    invalid: `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: shop-db
spec:
  encryptedData:
    password: AgBy3i4OJSWK+PiTySYZZA==
  tempalte:
    type: Opaque
  data: [1, 2]
`,
    expect: [
      ['tempalte', /unknown field "spec\.tempalte" \(did you mean "template"\?\)/],
      ['data: [1, 2]', /spec\.data: Invalid value: "array": .*must be of type string/],
    ],
  },
  {
    project: 'keda',
    valid: `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: shop
spec:
  scaleTargetRef:
    name: shop
  minReplicaCount: 1
  maxReplicaCount: 10
  fallback:
    failureThreshold: 3
    replicas: 2
    behavior: currentReplicas
  triggers:
    - type: prometheus
      metadata:
        serverAddress: http://prometheus.monitoring:9090
        query: sum(rate(http_requests_total[1m]))
        threshold: "100"
`,
    invalid: `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: shop
spec:
  scaleTargetRef:
    name: shop
  maxReplicaCount: ten
  fallback:
    failureThreshold: 3
    replicas: 2
    behavior: newest
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: "60"
  pollingIntervall: 30
`,
    expect: [
      ['ten', /spec\.maxReplicaCount: Invalid value: "string": .*must be of type integer/],
      ['newest', /spec\.fallback\.behavior: Unsupported value: "newest"/],
      ['pollingIntervall', /unknown field "spec\.pollingIntervall" \(did you mean "pollingInterval"\?\)/],
    ],
  },
  {
    project: 'traefik',
    valid: `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: shop
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`shop.example.com\`) && PathPrefix(\`/api\`)
      kind: Rule
      services:
        - name: shop-api
          port: 8080
  tls:
    secretName: shop-tls
`,
    invalid: `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: shop
spec:
  entrypoints: [websecure]
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rules
      services:
        - name: shop-api
          port: 8080
  tls: true
`,
    expect: [
      ['entrypoints', /unknown field "spec\.entrypoints" \(did you mean "entryPoints"\?\)/],
      ['Rules', /spec\.routes\[0\]\.kind: Unsupported value: "Rules"/],
      ['true', /spec\.tls: Invalid value: "boolean": .*must be of type object/],
    ],
  },
  {
    project: 'istio',
    valid: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: shop
spec:
  host: shop.web.svc.cluster.local
  trafficPolicy:
    loadBalancer:
      simple: LEAST_REQUEST
    tls:
      mode: ISTIO_MUTUAL
  subsets:
    - name: v1
      labels:
        version: v1
`,
    invalid: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: shop
spec:
  host: shop.web.svc.cluster.local
  trafficPolicy:
    loadBalancer:
      simple: FASTEST
  subset:
    - name: v1
  exportTo: web
`,
    expect: [
      ['FASTEST', /spec\.trafficPolicy\.loadBalancer\.simple: Unsupported value: "FASTEST"/],
      ['subset:', /unknown field "spec\.subset" \(did you mean "subsets"\?\)/],
      ['web\n', /spec\.exportTo: Invalid value: "string": .*must be of type array/],
    ],
  },
  {
    project: 'knative-serving',
    valid: `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: shop
spec:
  template:
    metadata:
      annotations:
        autoscaling.knative.dev/min-scale: "1"
    spec:
      containerConcurrency: 50
      containers:
        - image: registry.example.com/shop:1.4.2
          ports:
            - containerPort: 8080
          env:
            - name: MODE
              value: production
  traffic:
    - latestRevision: true
      percent: 100
`,
    invalid: `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: shop
spec:
  template:
    spec:
      containerConcurrency: many
      containers:
        - image: registry.example.com/shop:1.4.2
  trafic:
    - latestRevision: true
`,
    expect: [
      ['many', /spec\.template\.spec\.containerConcurrency: Invalid value: "string": .*must be of type integer/],
      ['trafic', /unknown field "spec\.trafic" \(did you mean "traffic"\?\)/],
    ],
  },
  {
    project: 'cloudnative-pg',
    valid: `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: shop-db
spec:
  instances: 3
  primaryUpdateStrategy: unsupervised
  logLevel: info
  storage:
    size: 10Gi
  bootstrap:
    initdb:
      database: shop
      owner: shop
`,
    invalid: `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: shop-db
spec:
  instances: three
  primaryUpdateStrategy: automatic
  storage:
    size: 10Gi
  bootstarp:
    initdb:
      database: shop
`,
    expect: [
      ['three', /spec\.instances: Invalid value: "string": .*must be of type integer/],
      ['automatic', /spec\.primaryUpdateStrategy: Unsupported value: "automatic"/],
      ['bootstarp', /unknown field "spec\.bootstarp" \(did you mean "bootstrap"\?\)/],
    ],
  },
  {
    project: 'strimzi',
    valid: `apiVersion: kafka.strimzi.io/v1
kind: KafkaUser
metadata:
  name: shop
  labels:
    strimzi.io/cluster: events
spec:
  authentication:
    type: scram-sha-512
  quotas:
    producerByteRate: 1048576
    consumerByteRate: 2097152
`,
    invalid: `apiVersion: kafka.strimzi.io/v1
kind: KafkaUser
metadata:
  name: shop
spec:
  authentication:
    type: plain
  quota:
    producerByteRate: 1048576
  authorization:
    type: simple
    acls: none
`,
    expect: [
      ['plain', /spec\.authentication\.type: Unsupported value: "plain"/],
      ['quota:', /unknown field "spec\.quota" \(did you mean "quotas"\?\)/],
      ['none', /spec\.authorization\.acls: Invalid value: "string": .*must be of type array/],
    ],
  },
];
