// What runs "inside" a test server container when something execs into it: a handful of commands
// (echo, cat, printf, stty size, hostname, env, true, false, exit, sleep, command -v) and a tiny
// `sh` / `bash` that runs `-c` scripts or reads lines interactively (echoing them under a TTY, as
// a terminal's line discipline does). Containers whose image is alpine, busybox or distroless
// have no bash; distroless has no shell at all.

export interface ProcessIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Every stdin chunk, then `end` when the client closes stdin (v5) or the stream. */
  onStdin(data: (chunk: Buffer) => void, end: () => void): void;
  /** The terminal size last sent on the resize channel. */
  size(): { width: number; height: number } | undefined;
  tty: boolean;
  hostname: string;
}

export interface ContainerImage {
  hasBash: boolean;
  hasShell: boolean;
}

export function imageTools(image: string): ContainerImage {
  return { hasBash: !/alpine|busybox|distroless/.test(image), hasShell: !/distroless/.test(image) };
}

export class ExecutableNotFound extends Error {
  constructor(readonly executable: string) {
    super(`exec: "${executable}": executable file not found in $PATH`);
  }
}

/** Runs argv as the container would; resolves with the exit code, throws ExecutableNotFound. */
export async function runProcess(argv: string[], io: ProcessIO, image: ContainerImage): Promise<number> {
  const [cmd, ...args] = argv;
  const name = cmd.split('/').pop() ?? cmd;
  if ((name === 'sh' && !image.hasShell) || (name === 'bash' && !image.hasBash)) throw new ExecutableNotFound(cmd);
  if (name === 'sh' || name === 'bash') {
    if (args[0] === '-c') return runScript(args[1] ?? '', io, image);
    return interactiveShell(io, image, name === 'bash' ? 'bash-5.2$ ' : '$ ');
  }
  const code = await builtin(name, args, io, image);
  if (code === undefined) throw new ExecutableNotFound(cmd);
  return code;
}

async function builtin(name: string, args: string[], io: ProcessIO, image: ContainerImage): Promise<number | undefined> {
  const toStderr = args.at(-1) === '>&2';
  const words = toStderr ? args.slice(0, -1) : args.filter((a) => a !== '>/dev/null');
  const out = (t: string) => (args.includes('>/dev/null') ? undefined : toStderr ? io.stderr(t) : io.stdout(t));
  switch (name) {
    case 'echo':
      out(`${words.join(' ')}\n`);
      return 0;
    case 'printf':
      out((words[0] ?? '').replace(/\\n/g, '\n').replace(/%s/g, () => words.splice(1, 1)[0] ?? ''));
      return 0;
    case 'cat':
      return new Promise((resolve) => io.onStdin((c) => out(c.toString('utf8')), () => resolve(0)));
    case 'stty': {
      const s = io.size();
      if (!io.tty || !s) {
        io.stderr("stty: standard input: Inappropriate ioctl for device\n");
        return 1;
      }
      out(`${s.height} ${s.width}\n`);
      return 0;
    }
    case 'hostname':
      out(`${io.hostname}\n`);
      return 0;
    case 'env':
      out(`HOSTNAME=${io.hostname}\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n`);
      return 0;
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'sleep':
      await new Promise((r) => setTimeout(r, Number(words[0] ?? 0) * 1000));
      return 0;
    case 'command':
    case 'which': {
      const wanted = words[words[0] === '-v' ? 1 : 0];
      const found = wanted === 'sh' ? image.hasShell : wanted === 'bash' ? image.hasBash : ['echo', 'cat', 'printf', 'stty', 'hostname', 'env', 'sleep'].includes(wanted);
      if (found) out(`/bin/${wanted}\n`);
      return found ? 0 : 1;
    }
    default:
      return undefined;
  }
}

/** Splits a shell line into words (single and double quotes) and `;` / `&&` / `||` separators. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:(&&|\|\||;)|'([^']*)'|"((?:[^"\\]|\\.)*)"|((?:[^\s;&|'"]|&(?!&))+))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    if (m[0].trim() === '') break;
    tokens.push(m[1] ?? m[2] ?? m[3]?.replace(/\\(.)/g, '$1') ?? m[4]);
  }
  return tokens;
}

/** Runs a `sh -c` script; `exit N` ends it with N, like a shell. */
async function runScript(script: string, io: ProcessIO, image: ContainerImage): Promise<number> {
  const result = await runLine(script, io, image);
  return result.code;
}

async function runLine(line: string, io: ProcessIO, image: ContainerImage): Promise<{ code: number; exit: boolean }> {
  let code = 0;
  let skip = false;
  let words: string[] = [];
  const run = async (): Promise<boolean> => {
    if (!words.length || skip) return false;
    if (words[0] === 'exit') {
      code = Number(words[1] ?? code);
      return true;
    }
    try {
      code = (await builtin(words[0], words.slice(1), io, image)) ?? notFound(words[0], io);
    } catch {
      code = 1;
    }
    return false;
  };
  for (const token of [...tokenize(line), ';']) {
    if (token !== ';' && token !== '&&' && token !== '||') {
      words.push(token);
      continue;
    }
    if (await run()) return { code, exit: true };
    words = [];
    skip = token === '&&' ? code !== 0 : token === '||' ? code === 0 : false;
  }
  return { code, exit: false };
}

function notFound(cmd: string, io: ProcessIO): number {
  io.stderr(`sh: ${cmd}: not found\n`);
  return 127;
}

/** Reads lines from stdin and runs each; under a TTY echoes what is typed and ends lines with \r\n. */
function interactiveShell(io: ProcessIO, image: ContainerImage, prompt: string): Promise<number> {
  return new Promise((resolve) => {
    let line = '';
    let last = 0;
    let queue = Promise.resolve();
    const nl = io.tty ? '\r\n' : '\n';
    const ttyIO: ProcessIO = io.tty ? { ...io, stdout: (t) => io.stdout(t.replace(/\n/g, '\r\n')), stderr: (t) => io.stderr(t.replace(/\n/g, '\r\n')) } : io;
    if (io.tty) io.stdout(prompt);
    io.onStdin(
      (chunk) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            const command = line;
            line = '';
            if (io.tty) io.stdout(nl);
            queue = queue.then(async () => {
              const r = await runLine(command, ttyIO, image);
              last = r.code;
              if (r.exit) return resolve(r.code);
              if (io.tty) io.stdout(prompt);
            });
          } else if (ch === '\u0004' && line === '') {
            queue = queue.then(() => resolve(last));
          } else {
            line += ch;
            if (io.tty) io.stdout(ch);
          }
        }
      },
      () => void queue.then(() => resolve(last)),
    );
  });
}
