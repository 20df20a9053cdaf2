// The Kubernetes objects of a YAML text, as apply and the live baseline need them.
import { parseAllDocuments } from 'yaml';

type Obj = Record<string, unknown>;

/** The Kubernetes objects of a YAML text (documents with string apiVersion and kind; Lists unpacked). */
export function manifestsOf(text: string): Obj[] {
  const docs = parseAllDocuments(text).filter((d) => !d.errors.length).map((d) => d.toJS() as unknown);
  const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && typeof (v as Obj).apiVersion === 'string' && typeof (v as Obj).kind === 'string';
  return docs.flatMap((d) => (isObject(d) && String(d.kind).endsWith('List') && Array.isArray(d.items) ? d.items.filter(isObject) : isObject(d) ? [d] : []));
}
