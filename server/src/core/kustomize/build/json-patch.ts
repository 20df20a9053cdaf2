import { deepClone, isObj } from './fields';

/** One RFC 6902 operation, as written in a kustomize JSON patch. */
export interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** Applies RFC 6902 operations in order to a copy of `document`; throws with the operation that failed. */
export function applyJsonPatch(document: unknown, ops: readonly JsonPatchOp[]): unknown {
  let doc = deepClone(document);
  for (const op of ops) doc = applyOp(doc, op);
  return doc;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`JSON pointer "${path}" must start with /`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: unknown, tokens: string[], op: string): { parent: unknown; last: string } {
  let current = doc;
  for (const t of tokens.slice(0, -1)) {
    const next = Array.isArray(current) ? current[Number(t)] : isObj(current) ? current[t] : undefined;
    if (next === undefined) throw new Error(`${op} operation does not apply: doc is missing path: "/${tokens.join('/')}"`);
    current = next;
  }
  return { parent: current, last: tokens[tokens.length - 1] };
}

function get(doc: unknown, path: string, op: string): unknown {
  let current = doc;
  for (const t of pointer(path)) {
    current = Array.isArray(current) ? current[Number(t)] : isObj(current) ? current[t] : undefined;
    if (current === undefined) throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  }
  return current;
}

function index(list: unknown[], token: string, forAdd: boolean, path: string, op: string): number {
  const i = token === '-' && forAdd ? list.length : /^\d+$/.test(token) ? Number(token) : NaN;
  if (Number.isNaN(i) || i < 0 || i > list.length || (!forAdd && i === list.length)) throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  return i;
}

function add(doc: unknown, path: string, value: unknown, op: string): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) parent.splice(index(parent, last, true, path, op), 0, value);
  else if (isObj(parent)) parent[last] = value;
  else throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  return doc;
}

function remove(doc: unknown, path: string, op: string): unknown {
  const tokens = pointer(path);
  const { parent, last } = parentOf(doc, tokens, op);
  if (Array.isArray(parent)) parent.splice(index(parent, last, false, path, op), 1);
  else if (isObj(parent) && last in parent) delete parent[last];
  else throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  return doc;
}

/** evanphx/json-patch v4 (kustomize's): replacing an absent key of a map sets it; a list index must exist. */
function replace(doc: unknown, path: string, value: unknown): unknown {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, 'replace');
  if (Array.isArray(parent)) parent[index(parent, last, false, path, 'replace')] = value;
  else if (isObj(parent)) parent[last] = value;
  else throw new Error(`replace operation does not apply: doc is missing path: "${path}"`);
  return doc;
}

function applyOp(doc: unknown, op: JsonPatchOp): unknown {
  switch (op.op) {
    case 'add':
      return add(doc, op.path, deepClone(op.value), 'add');
    case 'remove':
      return remove(doc, op.path, 'remove');
    case 'replace':
      return replace(doc, op.path, deepClone(op.value));
    case 'move': {
      const value = get(doc, op.from ?? '', 'move');
      return add(remove(doc, op.from ?? '', 'move'), op.path, value, 'move');
    }
    case 'copy':
      return add(doc, op.path, deepClone(get(doc, op.from ?? '', 'copy')), 'copy');
    case 'test':
      if (JSON.stringify(get(doc, op.path, 'test')) !== JSON.stringify(op.value)) throw new Error(`testing value ${op.path} failed`);
      return doc;
    default:
      throw new Error(`unexpected operation "${op.op}"`);
  }
}
