// A VS Code terminal over an exec session (a Pseudoterminal): keystrokes go to the container's
// TTY, its output comes back, the terminal's size follows on the resize channel. A clean `exit`
// closes the terminal; another exit code or a failure stays on screen.
import { EventEmitter, window, type Pseudoterminal, type Terminal, type TerminalDimensions } from 'vscode';
import type { ClusterConnection } from '../cluster/connection';
import { TerminalSession, type ContainerRef } from '../cluster/exec';

export function openExecTerminal(conn: ClusterConnection, target: ContainerRef, command: string[], name: string): Terminal {
  const written = new EventEmitter<string>();
  const closed = new EventEmitter<number | void>();
  let session: TerminalSession | undefined;
  let pending = '';
  const start = (dims: TerminalDimensions | undefined) => {
    TerminalSession.open(conn, target, command, { columns: dims?.columns ?? 80, rows: dims?.rows ?? 24 }, (text) => written.fire(text)).then(
      (s) => {
        session = s;
        if (pending) s.write(pending);
        pending = '';
        s.exited.then(
          (code) => (code === 0 ? closed.fire(0) : written.fire(`\r\n[${command.join(' ')} exited with code ${code}]\r\n`)),
          (e: Error) => written.fire(`\r\n[${e.message}]\r\n`),
        );
      },
      (e: Error) => written.fire(`Cannot open ${target.pod}/${target.container}: ${e.message}\r\n`),
    );
  };
  const pty: Pseudoterminal = {
    onDidWrite: written.event,
    onDidClose: closed.event,
    open: start,
    close: () => session?.close(),
    handleInput: (keys) => (session ? session.write(keys) : (pending += keys)),
    setDimensions: (dims) => session?.resize(dims.columns, dims.rows),
  };
  return window.createTerminal({ name, pty });
}
