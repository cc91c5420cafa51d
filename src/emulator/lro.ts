import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { notFound } from './rpc-error.js';

/** A google.protobuf.Any as proto-loader serializes it (the descriptor keeps the snake_case name). */
export interface AnyMessage {
  type_url: string;
  value: Buffer;
}

/** A google.longrunning.Operation as the server sends it. */
export interface OperationMessage {
  name: string;
  done: boolean;
  metadata?: AnyMessage;
  response?: AnyMessage;
  error?: { code: number; message: string };
}

/** Packs an encoded message as google.protobuf.Any. */
export function packAny(typeName: string, value: Buffer): AnyMessage {
  return { type_url: `type.googleapis.com/${typeName}`, value };
}

/** The emulator's long-running operations: created pending, finished once, read by GetOperation/WaitOperation. */
export class OperationStore {
  private readonly ops = new Map<string, OperationMessage>();
  private readonly waiters = new Map<string, (() => void)[]>();

  /** Starts an operation under `projects/P/locations/L`. */
  create(location: string, metadata?: AnyMessage): OperationMessage {
    const op: OperationMessage = { name: `${location}/operations/${randomUUID()}`, done: false, metadata };
    this.ops.set(op.name, op);
    return { ...op };
  }

  /** Creates an operation that is already finished with a response. */
  createDone(location: string, response: AnyMessage, metadata?: AnyMessage): OperationMessage {
    const op = this.create(location, metadata);
    this.succeed(op.name, response, metadata);
    return this.get(op.name);
  }

  /** Finishes an operation with a response (and refreshed metadata). */
  succeed(name: string, response: AnyMessage, metadata?: AnyMessage): void {
    const op = this.ops.get(name);
    if (!op || op.done) return;
    Object.assign(op, { done: true, response, ...(metadata ? { metadata } : {}) });
    this.wake(name);
  }

  /** Finishes an operation with an error status. */
  fail(name: string, code: status, message: string, metadata?: AnyMessage): void {
    const op = this.ops.get(name);
    if (!op || op.done) return;
    Object.assign(op, { done: true, error: { code, message }, ...(metadata ? { metadata } : {}) });
    this.wake(name);
  }

  /** GetOperation. */
  get(name: string): OperationMessage {
    const op = this.ops.get(name);
    if (!op) throw notFound(`Operation '${name}' was not found.`);
    return { ...op };
  }

  /** ListOperations under a location. */
  list(location: string): OperationMessage[] {
    return [...this.ops.values()]
      .filter((o) => o.name.startsWith(`${location}/operations/`))
      .map((o) => ({ ...o }));
  }

  /** DeleteOperation: forgets it (the work itself is not cancelled, as in Google's APIs). */
  delete(name: string): void {
    this.get(name);
    this.ops.delete(name);
  }

  /** WaitOperation: resolves when done or after `timeoutMs`, with the operation as it then is. */
  async wait(name: string, timeoutMs: number): Promise<OperationMessage> {
    const op = this.get(name);
    if (op.done) return op;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const list = this.waiters.get(name) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiters.set(name, list);
    });
    return this.get(name);
  }

  private wake(name: string): void {
    for (const w of this.waiters.get(name) ?? []) w();
    this.waiters.delete(name);
  }
}

/** google.longrunning.Operations handlers over a store (CancelOperation stays unimplemented, as in Cloud Run). */
export function operationsHandlers(
  ops: OperationStore,
): Record<string, (req: Record<string, unknown>) => Promise<unknown>> {
  const name = (req: Record<string, unknown>): string => (typeof req.name === 'string' ? req.name : '');
  return {
    GetOperation: (req) => Promise.resolve(ops.get(name(req))),
    ListOperations: (req) => Promise.resolve({ operations: ops.list(name(req)), nextPageToken: '' }),
    DeleteOperation: (req) => {
      ops.delete(name(req));
      return Promise.resolve({});
    },
    WaitOperation: (req) => {
      const t = req.timeout as { seconds?: string; nanos?: number } | undefined;
      const ms = t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 60_000;
      return ops.wait(name(req), Math.min(ms || 60_000, 60_000));
    },
  };
}
