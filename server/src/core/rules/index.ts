import type { Rule } from './rule';
import { RuleNames } from './ids';
import { apiVersion } from './api-version';
import { danglingIngressBackend } from './dangling/ingress-backend';
import { danglingRouteBackend } from './dangling/route-backend';
import { danglingScaleTarget } from './dangling/scale-target';
import { danglingNetworkPolicy } from './dangling/network-policy';
import { danglingDisruptionBudget } from './dangling/disruption-budget';
import { duplicateEnvName } from './duplicate/env-name';
import { duplicateContainerName } from './duplicate/container-name';
import { duplicateVolumeName } from './duplicate/volume-name';
import { duplicateMountPath } from './duplicate/mount-path';
import { duplicateContainerPort } from './duplicate/container-port';
import { duplicateServicePort } from './duplicate/service-port';
import { duplicateResource } from './duplicate-resource';
import { imageTag } from './image-tag';
import { laravelAppDebug } from './stacks/laravel-app-debug';
import { laravelSchedulerConcurrency } from './stacks/laravel-scheduler-concurrency';
import { laravelMigrateInDeployment } from './stacks/laravel-migrate-in-deployment';
import { laravelWorkerGracePeriod } from './stacks/laravel-worker-grace-period';
import { nginxPhpUpstream } from './stacks/nginx-php-upstream';
import { secretInConfigmap } from './stacks/secret-in-configmap';
import { directusSqlite } from './stacks/directus-sqlite';
import { directusUploads } from './stacks/directus-uploads';
import { serviceHost } from './stacks/service-host';
import { databaseVolume } from './stacks/database-volume';
import { immutableField } from './immutable-field';
import { internalError } from './internal-error';
import { configFile } from './config-file';
import { disableComment } from './disable-comment';
import { missingKey } from './missing-key';
import { missingReference } from './missing-reference';
import { nameFormat } from './name-format';
import { portReference } from './port-reference';
import { routeParent } from './route-parent';
import { referenceGrant } from './reference-grant';
import { monitorTarget } from './monitor-target';
import { restartPolicy } from './restart-policy';
import { schemaNoSchema } from './schema/no-schema';
import { schemaUnknownField } from './schema/unknown-field';
import { schemaType } from './schema/type';
import { schemaRequired } from './schema/required';
import { schemaEnum } from './schema/enum';
import { schemaConstraint } from './schema/constraint';
import { schemaPortRange } from './schema/port-range';
import { schemaContainerImage } from './schema/container-image';
import { schemaCrdType } from './schema/crd-type';
import { schemaListMapKey } from './schema/list-map-key';
import { schemaCel } from './schema/cel';
import { secretData } from './secret-data';
import { selectorMismatch } from './selector-mismatch';
import { serviceNoPods } from './service-no-pods';
import { statefulsetService } from './statefulset-service';
import { volumeMount } from './volume-mount';
import { privileged } from './best-practice/privileged';
import { readinessProbe } from './best-practice/readiness-probe';
import { resourceRequests } from './best-practice/resource-requests';
import { yamlSyntax } from './yaml-syntax';
import { templateSkipped } from './template-skipped';
import { kustomization } from './kustomization';

/** Every rule, in the order their findings are documented. A plain list: no registry, no side effects. */
export const ALL_RULES: readonly Rule[] = [
  // Single document (product.md §6, first table).
  yamlSyntax,
  templateSkipped,
  schemaNoSchema,
  schemaUnknownField,
  schemaType,
  schemaRequired,
  schemaEnum,
  schemaConstraint,
  schemaPortRange,
  schemaContainerImage,
  schemaCrdType,
  schemaListMapKey,
  schemaCel,
  apiVersion,
  nameFormat,
  selectorMismatch,
  restartPolicy,
  secretData,
  duplicateEnvName,
  duplicateContainerName,
  duplicateVolumeName,
  duplicateMountPath,
  duplicateContainerPort,
  duplicateServicePort,
  imageTag,
  resourceRequests,
  readinessProbe,
  privileged,
  volumeMount,
  // Across the workspace (product.md §6, second table).
  missingReference,
  missingKey,
  serviceNoPods,
  portReference,
  danglingIngressBackend,
  danglingRouteBackend,
  danglingScaleTarget,
  danglingNetworkPolicy,
  danglingDisruptionBudget,
  routeParent,
  referenceGrant,
  monitorTarget,
  statefulsetService,
  duplicateResource,
  // Kustomize: kustomization files.
  kustomization,
  // Against an earlier version (git ref).
  immutableField,
  // Application stacks (rules/stacks/).
  secretInConfigmap,
  laravelAppDebug,
  laravelSchedulerConcurrency,
  laravelMigrateInDeployment,
  laravelWorkerGracePeriod,
  nginxPhpUpstream,
  directusSqlite,
  directusUploads,
  serviceHost,
  databaseVolume,
  // Kubesight's own failures (a rule that threw, a schema it could not compile).
  internalError,
  // Kubesight's own configuration: .kubesight.yaml.
  configFile,
  disableComment,
];

/** Every name a user may write for rules (ids, `<category>/*`, ids a family replaced). */
export const RULE_NAMES = new RuleNames(ALL_RULES);

/** The schema family (schema/…), for hosts and tests that check only the schema. */
export const SCHEMA_RULES: readonly Rule[] = ALL_RULES.filter((r) => r.meta.replaces === 'schema');
