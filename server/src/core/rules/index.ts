import type { Rule } from './rule';
import { danglingBackend } from './dangling-backend';
import { duplicateResource } from './duplicate-resource';
import { missingKey } from './missing-key';
import { missingReference } from './missing-reference';
import { portReference } from './port-reference';
import { schema } from './schema';
import { serviceNoPods } from './service-no-pods';
import { statefulsetService } from './statefulset-service';
import { volumeMount } from './volume-mount';
import { yamlSyntax } from './yaml-syntax';

/** Every rule, in the order their findings are documented. A plain list: no registry, no side effects. */
export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  // Single-document rules (product.md §6, first table) are listed above this line.
  volumeMount,
  // Workspace rules (product.md §6, second table).
  missingReference,
  missingKey,
  serviceNoPods,
  portReference,
  danglingBackend,
  statefulsetService,
  duplicateResource,
];
