/** A finding is the core's plain-data diagnostic: offsets into the file text, no LSP types. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
  /** Another file of the workspace; absent means the finding's own file. */
  uri?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (LSP `isPreferred`). */
  preferred?: boolean;
}

export interface Finding {
  ruleId: string;
  /** The rule's message id (`meta.messages`), for tools that group findings by kind (SARIF). */
  messageId?: string;
  severity: Severity;
  message: string;
  /** Offset of the first character the finding is about. */
  start: number;
  /** Offset after the last character (exclusive). */
  end: number;
  fixes?: Fix[];
}

export type Range = readonly [start: number, end: number];
