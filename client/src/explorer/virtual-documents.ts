// Read-only virtual documents: live YAML (`kubesight-live:`), describe text (`kubesight-describe:`)
// and the two sides of an apply diff (`kubesight-plan:`). URIs carry only context, namespace,
// kind and name; contents (masked) live in memory here, never in a URI or a temp file.
import { EventEmitter, Uri, type TextDocumentContentProvider } from 'vscode';

export const LIVE_SCHEME = 'kubesight-live';
export const DESCRIBE_SCHEME = 'kubesight-describe';
export const PLAN_SCHEME = 'kubesight-plan';

export class MemoryDocuments implements TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  constructor(readonly scheme: string) {}

  uri(...segments: string[]): Uri {
    return Uri.from({ scheme: this.scheme, path: `/${segments.map((s) => encodeURIComponent(s || '_')).join('/')}` });
  }

  set(uri: Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.toString()) ?? '# This view is closed; open it again from the Kubesight explorer.\n';
  }
}
