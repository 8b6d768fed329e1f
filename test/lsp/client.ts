/** A minimal language-server client for tests: spawns `playbook lsp` and speaks JSON-RPC with Content-Length framing. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();
  private readonly notifications: Message[] = [];
  private readonly listeners: (() => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, ['bin/playbook.js', 'lsp', '--stdio']);
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())![1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.id !== undefined && message.method === undefined) this.waiting.get(message.id)?.(message.result);
      else if (message.method !== undefined) {
        this.notifications.push(message);
        for (const l of this.listeners.splice(0)) l();
      }
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve as (r: unknown) => void);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** The next notification `method` whose params satisfy `match`. */
  async notification<T>(method: string, match: (params: T) => boolean = () => true): Promise<T> {
    for (;;) {
      const i = this.notifications.findIndex((n) => n.method === method && match(n.params as T));
      if (i >= 0) return this.notifications.splice(i, 1)[0].params as T;
      await new Promise<void>((resolve) => this.listeners.push(resolve));
    }
  }

  async close(): Promise<void> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    await new Promise((resolve) => this.child.once('exit', resolve));
  }
}
