// Running commands in a container through client-node's Exec (pods/exec over WebSocket): one-shot
// commands with their output and exit code, the shell a container has (bash, else sh), and an
// interactive session with a TTY and resizes for a terminal to drive.
import { PassThrough, Writable } from 'node:stream';
import { Exec } from '@kubernetes/client-node';
import { channelInterface, type ChannelSocket } from './channel-socket';
import { ClusterError, type ClusterConnection } from './connection';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ContainerRef {
  namespace: string;
  pod: string;
  container: string;
}

export interface ExecIO {
  stdout: Writable;
  stderr: Writable | null;
  stdin: PassThrough | null;
  tty: boolean;
}

/** The exit code a V1Status from the status channel carries; a failure to start throws. */
export function exitCodeOf(status: Obj): number {
  if (status.status === 'Success') return 0;
  if (status.reason === 'NonZeroExitCode') {
    const cause = ((status.details?.causes ?? []) as Obj[]).find((c) => c.reason === 'ExitCode');
    return Number(cause?.message ?? 1);
  }
  throw new ClusterError('server', String(status.message ?? 'The command could not be run.'), undefined, status);
}

/** Starts `command`; `done` settles with the exit code once the status channel reports it. */
export async function startExec(conn: ClusterConnection, target: ContainerRef, command: string[], io: ExecIO): Promise<{ socket: ChannelSocket; done: Promise<number> }> {
  let settle: { resolve: (code: number) => void; reject: (e: unknown) => void } | undefined;
  const done = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  let reported = false;
  const socket = (await new Exec(conn.kubeConfigForStreams(), channelInterface(conn)).exec(target.namespace, target.pod, target.container, command, io.stdout, io.stderr, io.stdin, io.tty, (status) => {
    reported = true;
    try {
      settle?.resolve(exitCodeOf(status as Obj));
    } catch (e) {
      settle?.reject(e);
    }
  })) as unknown as ChannelSocket;
  socket.on('close', () => {
    if (!reported) settle?.reject(new ClusterError('unreachable', `The connection to ${target.pod}/${target.container} closed before the command ended.`));
  });
  return { socket, done };
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs a command to its end ("Run command"), feeding `input` (if any) as its stdin. */
export async function runCommand(conn: ClusterConnection, target: ContainerRef, command: string[], input?: string): Promise<CommandResult> {
  const out = collector();
  const err = collector();
  const stdin = input === undefined ? null : new PassThrough();
  const { done } = await startExec(conn, target, command, { stdout: out.stream, stderr: err.stream, stdin, tty: false });
  if (stdin) stdin.end(input);
  const exitCode = await done;
  return { stdout: out.text(), stderr: err.text(), exitCode };
}

/** `bash` when the container has it, else `sh`; throws when it has no shell (distroless). */
export async function detectShell(conn: ClusterConnection, target: ContainerRef): Promise<'bash' | 'sh'> {
  try {
    const probe = await runCommand(conn, target, ['sh', '-c', 'command -v bash']);
    return probe.exitCode === 0 && probe.stdout.trim() ? 'bash' : 'sh';
  } catch (e) {
    if (e instanceof ClusterError && /executable file not found/.test(e.message)) throw new ClusterError('invalid', `Container ${target.container} of pod ${target.pod} has no shell (sh). Run a command instead, or use an ephemeral debug container.`);
    throw e;
  }
}

/** A words-and-quotes split of a command line the user typed: `sh -c 'echo hi'` → 3 words. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  const re = /\s*(?:'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null && m[0].trim()) words.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]);
  return words;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, cb) => (chunks.push(Buffer.from(chunk)), cb()) });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** A stdout that carries a terminal's size, which client-node's Exec sends on the resize channel. */
class TerminalOutput extends Writable {
  constructor(public columns: number, public rows: number, private readonly onText: (text: string) => void) {
    super({ decodeStrings: true });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.onText(chunk.toString('utf8'));
    callback();
  }

  setSize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** An interactive command under a TTY: keystrokes in, terminal text out, resizes, the exit code. */
export class TerminalSession {
  private constructor(private readonly input: PassThrough, private readonly output: TerminalOutput, private readonly socket: ChannelSocket, readonly exited: Promise<number>) {}

  static async open(conn: ClusterConnection, target: ContainerRef, command: string[], size: { columns: number; rows: number }, onText: (text: string) => void): Promise<TerminalSession> {
    const input = new PassThrough();
    const output = new TerminalOutput(size.columns, size.rows, onText);
    const { socket, done } = await startExec(conn, target, command, { stdout: output, stderr: null, stdin: input, tty: true });
    return new TerminalSession(input, output, socket, done);
  }

  write(keys: string): void {
    this.input.write(keys);
  }

  resize(columns: number, rows: number): void {
    this.output.setSize(columns, rows);
  }

  close(): void {
    this.socket.close();
  }
}

/** Whether to ask before exec-ing into this context (its name says prod, and it was not allowed yet). */
export function execNeedsConfirmation(context: string, allowed: ReadonlySet<string>): boolean {
  return /prod/i.test(context) && !allowed.has(context);
}
