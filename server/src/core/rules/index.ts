import type { Rule } from './rule';
import { schema } from './schema';
import { yamlSyntax } from './yaml-syntax';

/** Every rule, in the order their findings are documented. A plain list: no registry, no side effects. */
export const ALL_RULES: readonly Rule[] = [yamlSyntax, schema];
