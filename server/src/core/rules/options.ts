/**
 * Rule options, declared in a rule's metadata like ESLint's `meta.schema` but smaller: a flat
 * mapping of named options, each with a type, a default and a description. The declaration
 * types the rule's `ctx.options`, documents the option in docs/rules.md, and validates what a
 * user writes (`.kubesight.yaml` findings; at run time an invalid value falls back to the default).
 */
export type OptionSpec =
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string }
  | { readonly type: 'integer'; readonly default: number; readonly minimum?: number; readonly maximum?: number; readonly description: string }
  | { readonly type: 'string'; readonly default: string; readonly enum?: readonly string[]; readonly description: string }
  | { readonly type: 'string-list'; readonly default: readonly string[]; readonly enum?: readonly string[]; readonly description: string };

export type OptionsSpec = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'integer' }
    ? number
    : S extends { type: 'string'; enum: readonly (infer E)[] }
      ? E
      : S extends { type: 'string' }
        ? string
        : S extends { type: 'string-list'; enum: readonly (infer E)[] }
          ? readonly E[]
          : readonly string[];

export type OptionsOf<O extends OptionsSpec> = { readonly [K in keyof O]: ValueOf<O[K]> };

export interface OptionProblem {
  /** The option's name; undefined for the options value as a whole. */
  name?: string;
  message: string;
}

/** What is wrong with the options a user wrote for a rule (`where` names them in messages, e.g. `rules.image-tag.options`). */
export function optionProblems(spec: OptionsSpec | undefined, value: unknown, where: string): OptionProblem[] {
  if (value === undefined || value === null) return [];
  const names = Object.keys(spec ?? {});
  if (typeof value !== 'object' || Array.isArray(value)) return [{ message: `${where}: Invalid value: ${shown(value)}: expected a mapping of ${names.length ? names.join(', ') : 'nothing (this rule has no options)'}` }];
  const problems: OptionProblem[] = [];
  for (const [name, v] of Object.entries(value)) {
    const option = spec?.[name];
    if (!option) {
      problems.push({ name, message: `${where}.${name}: unknown option${names.length ? `; known: ${names.join(', ')}` : ' (this rule has no options)'}` });
      continue;
    }
    const why = invalidBecause(option, v);
    if (why) problems.push({ name, message: `${where}.${name}: Invalid value: ${shown(v)}: ${why}` });
  }
  return problems;
}

/** The options a rule runs with: each valid value the user wrote, else the default. */
export function resolveOptions<O extends OptionsSpec>(spec: O | undefined, value: unknown): OptionsOf<O> {
  const out: Record<string, unknown> = {};
  const written = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  for (const [name, option] of Object.entries(spec ?? {})) {
    const v = written[name];
    out[name] = v !== undefined && !invalidBecause(option, v) ? v : option.default;
  }
  return out as OptionsOf<O>;
}

function invalidBecause(option: OptionSpec, v: unknown): string | undefined {
  switch (option.type) {
    case 'boolean':
      return typeof v === 'boolean' ? undefined : 'expected true or false';
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return 'expected an integer';
      if (option.minimum !== undefined && v < option.minimum) return `must be greater than or equal to ${option.minimum}`;
      if (option.maximum !== undefined && v > option.maximum) return `must be less than or equal to ${option.maximum}`;
      return undefined;
    case 'string':
      if (typeof v !== 'string') return 'expected a string';
      return option.enum && !option.enum.includes(v) ? `supported values: ${option.enum.map((e) => JSON.stringify(e)).join(', ')}` : undefined;
    case 'string-list': {
      if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) return 'expected a list of strings';
      const bad = option.enum ? v.find((item) => !option.enum!.includes(item as string)) : undefined;
      return bad !== undefined ? `${JSON.stringify(bad)} is not one of ${option.enum!.map((e) => JSON.stringify(e)).join(', ')}` : undefined;
    }
  }
}

/** The option's type as docs/rules.md shows it. */
export function optionTypeText(option: OptionSpec): string {
  const values = option.type !== 'boolean' && option.type !== 'integer' && option.enum ? ` (${option.enum.map((e) => `\`${e}\``).join(', ')})` : '';
  const bounds = option.type === 'integer' ? [option.minimum !== undefined ? `≥ ${option.minimum}` : '', option.maximum !== undefined ? `≤ ${option.maximum}` : ''].filter(Boolean).join(', ') : '';
  return `${option.type === 'string-list' ? 'list of strings' : option.type}${values}${bounds ? ` (${bounds})` : ''}`;
}

function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
