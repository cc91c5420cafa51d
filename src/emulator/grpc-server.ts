import {
  type Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerUnaryCall,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import type { Faults } from './faults.js';
import type { Principal } from './principals.js';
import type { CallRecorder } from './recorder.js';
import { RpcError } from './rpc-error.js';

/**
 * A unary RPC implementation: the decoded request (and the authorized caller) in, the response message out
 * (or an {@link RpcError} thrown).
 */
export type UnaryHandler = (request: Record<string, unknown>, caller?: Principal) => Promise<unknown>;

/** What every call passes through: authorization and fault injection before, the recorder after. */
export interface CallHooks {
  faults: Faults;
  recorder: CallRecorder;
  log(line: string): void;
  /** Verifies the caller's token and permission (throws the RpcError to answer); absent: no checks. */
  authorize?(
    service: string,
    method: string,
    request: Record<string, unknown>,
    metadata: Metadata,
  ): Principal;
}

/** Splits a list into Google-style pages: `pageToken` is the offset of the next page. */
export function paginate<T>(
  items: readonly T[],
  pageSize: unknown,
  pageToken: unknown,
): { page: T[]; next: string } {
  const size = typeof pageSize === 'number' && pageSize > 0 ? pageSize : items.length || 1;
  const start = typeof pageToken === 'string' && pageToken ? Number(pageToken) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw new RpcError(status.INVALID_ARGUMENT, `Invalid page token '${String(pageToken)}'.`);
  const page = items.slice(start, start + size);
  return { page, next: start + size < items.length ? String(start + size) : '' };
}

/** Wraps handlers for one service; methods without a handler answer UNIMPLEMENTED (and are still recorded). */
export function implement(
  serviceName: string,
  def: ServiceDefinition,
  handlers: Record<string, UnaryHandler>,
  hooks: CallHooks,
): UntypedServiceImplementation {
  const impl: UntypedServiceImplementation = {};
  for (const method of Object.keys(def)) {
    const handler = handlers[method];
    impl[method] = (
      call: ServerUnaryCall<Record<string, unknown>, unknown>,
      callback: sendUnaryData<unknown>,
    ): void => {
      const request = call.request;
      const finish = (code: status, error?: string, response?: unknown): void => {
        hooks.recorder.record({
          service: serviceName,
          method,
          request,
          ok: code === status.OK,
          ...(code === status.OK ? {} : { code }),
          at: Date.now(),
        });
        if (code === status.OK) callback(null, response);
        else callback({ code, details: error ?? '', message: error ?? '' });
      };
      void (async (): Promise<void> => {
        const delay = hooks.faults.latencyFor(method);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        if (!handler) return finish(status.UNIMPLEMENTED, `${serviceName}.${method} is not emulated.`);
        let caller: Principal | undefined;
        try {
          caller = hooks.authorize?.(serviceName, method, request, call.metadata);
        } catch (err) {
          if (err instanceof RpcError) return finish(err.code, err.message);
          throw err;
        }
        const fault = hooks.faults.decide(method);
        if (fault) return finish(fault.code, fault.message);
        try {
          const response = await handler(request, caller);
          // A lost answer: the call took effect, but the client hears UNAVAILABLE and must find that out.
          if (hooks.faults.loseAnswer(method))
            return finish(status.UNAVAILABLE, `injected lost answer of ${method} (the call took effect)`);
          finish(status.OK, undefined, response);
        } catch (err) {
          if (err instanceof RpcError) return finish(err.code, err.message);
          hooks.log(`${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
          finish(status.INTERNAL, err instanceof Error ? err.message : String(err));
        }
      })();
    };
  }
  return impl;
}

/**
 * Binds a gRPC server on 127.0.0.1 (port 0 = any free port) with the given services; over TLS when `tls` is
 * given (Google's APIs are TLS only, and gRPC clients send call credentials only over a secure channel).
 */
export async function startGrpcServer(
  services: { def: ServiceDefinition; impl: UntypedServiceImplementation }[],
  port = 0,
  tls?: { cert: string; key: string },
): Promise<{ server: Server; port: number }> {
  const server = new Server();
  for (const s of services) server.addService(s.def, s.impl);
  const credentials = tls
    ? ServerCredentials.createSsl(null, [
        { cert_chain: Buffer.from(tls.cert), private_key: Buffer.from(tls.key) },
      ])
    : ServerCredentials.createInsecure();
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, credentials, (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { server, port: bound };
}
