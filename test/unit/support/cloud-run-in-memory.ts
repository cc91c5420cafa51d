/**
 * The real @google-cloud/run clients over the emulator's Cloud Run, in memory: no gRPC, no socket, no
 * container. The clients run in their HTTP/JSON mode (`fallback`), which sends every call through the auth
 * client's `fetch`; that fetch routes it by the google.api.http rules the shipped protos declare, turns the
 * JSON into the binary message a gRPC server would have received, and hands it to the emulator's own
 * handlers (src/emulator/cloud-run-service.ts over cloud-run-state.ts). Answers go back the same way, so
 * the client decodes exactly what the emulator encodes, errors included (HTTP status + gRPC code).
 *
 * What is left out: authorization (the control plane's checks are e2e matters) and the HTTP front. A
 * revision "starts" when the runtime below says so; its URLs are names only, nobody serves them.
 */
import { createRequire } from 'node:module';
import { RevisionsClient, ServicesClient } from '@google-cloud/run';
import protobuf from 'protobufjs';
import { fromProto3JSON, toProto3JSON } from 'proto3-json-serializer';
import type { CloudRunClients } from '../../../src/cloudrun/client-factory.js';
import { CloudRunService as EmulatedCloudRun } from '../../../src/emulator/cloud-run-service.js';
import { CloudRunState } from '../../../src/emulator/cloud-run-state.js';
import { Faults } from '../../../src/emulator/faults.js';
import type { UnaryHandler } from '../../../src/emulator/grpc-server.js';
import type { HttpFront } from '../../../src/emulator/http-router.js';
import { IamStore } from '../../../src/emulator/iam-store.js';
import { operationsHandlers, OperationStore } from '../../../src/emulator/lro.js';
import { loadEmulatorProtos } from '../../../src/emulator/proto-loading.js';
import {
  RevisionStartError,
  type RevisionLaunch,
  type RevisionRuntime,
} from '../../../src/emulator/runtime.js';

const require = createRequire(import.meta.url);

/** One call as the emulator saw it (method name, and the gRPC code when it failed). */
export interface MemoryCall {
  method: string;
  code?: number;
}

/** Decides whether a revision starts: undefined starts it, a string fails it with that reason. */
export type StartDecision = (launch: RevisionLaunch) => string | undefined;

export interface InMemoryCloudRun {
  clients(): CloudRunClients;
  state: CloudRunState;
  iam: IamStore;
  calls: MemoryCall[];
  /** The revision a URL (service or tag) routes its traffic to now, by the state's routes. */
  revisionBehind(url: string): string | undefined;
}

interface Route {
  method: string;
  /** `protoService.Method` */
  rpc: string;
  pattern: RegExp;
  fields: string[];
  body?: string;
}

const RUN = 'google.cloud.run.v2';

/** Routes from the google.api.http options of the shipped protos, and the LRO rules the client declares. */
function routes(json: Record<string, unknown>): Route[] {
  type Methods = Record<string, { options?: Record<string, string> }>;
  const v2 = (json as { nested: Record<string, { nested: Record<string, unknown> }> }).nested.google
    .nested as Record<
    string,
    { nested: Record<string, { nested: Record<string, { nested: Record<string, { methods: Methods }> }> }> }
  >;
  const pkg = v2.cloud.nested.run.nested.v2.nested;
  const out: Route[] = [];
  const add = (rpc: string, verb: string, template: string, body?: string): void => {
    const fields: string[] = [];
    const source = template.replace(/\{([^=}]+)(?:=([^}]+))?\}/g, (_m, field: string, pat?: string) => {
      fields.push(field);
      return `(${(pat ?? '*').replace(/\*\*/g, '.+').replace(/\*/g, '[^/:]+')})`;
    });
    out.push({ method: verb, rpc, pattern: new RegExp(`^${source}$`), fields, ...(body ? { body } : {}) });
  };
  for (const svc of ['Services', 'Revisions']) {
    for (const [name, m] of Object.entries(pkg[svc].methods)) {
      const o = m.options ?? {};
      for (const verb of ['get', 'post', 'patch', 'delete']) {
        const t = o[`(google.api.http).${verb}`];
        if (t) add(`${svc}.${name}`, verb.toUpperCase(), t, o['(google.api.http).body']);
      }
    }
  }
  add('Operations.GetOperation', 'GET', '/v2/{name=projects/*/locations/*/operations/*}');
  add('Operations.DeleteOperation', 'DELETE', '/v2/{name=projects/*/locations/*/operations/*}');
  return out;
}

/** Sets `value` at a dotted field path (`service.name`) of a JSON object. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
}

/** A query parameter in the type its field has (proto3 JSON takes booleans and numbers unquoted). */
function queryValue(type: protobuf.Type, path: string, raw: string): unknown {
  let t: protobuf.Type | undefined = type;
  let field: protobuf.Field | undefined;
  for (const k of path.split('.')) {
    field = t?.fields[k];
    t = field?.resolvedType instanceof protobuf.Type ? field.resolvedType : undefined;
  }
  if (field?.type === 'bool') return raw === 'true';
  if (['int32', 'uint32', 'sint32', 'double', 'float'].includes(field?.type ?? '')) return Number(raw);
  return raw;
}

/** The in-memory Cloud Run; `start` decides each revision's start (default: every one starts). */
export function inMemoryCloudRun(start: StartDecision = () => undefined): InMemoryCloudRun {
  const protos = loadEmulatorProtos();
  const json = require('@google-cloud/run/build/protos/protos.json') as Record<string, unknown>;
  const root = protobuf.Root.fromJSON(json);
  root.resolveAll();
  const table = routes(json);
  const urls = new Map<string, string>();
  let serial = 0;
  // The front only hands out URLs here: keys get stable made-up hosts, nothing listens on them.
  const front = {
    url: (key: string): string | undefined => urls.get(key),
    ensure: (keys: readonly string[]): Promise<void> => {
      for (const k of keys) if (!urls.has(k)) urls.set(k, `https://u${++serial}.run.test`);
      return Promise.resolve();
    },
  } as unknown as HttpFront;
  const runtime: RevisionRuntime = {
    name: 'process',
    start: (launch) => {
      const why = start(launch);
      return why === undefined
        ? Promise.resolve({ hostPort: 0, stop: () => Promise.resolve() })
        : Promise.reject(new RevisionStartError(why));
    },
    runTask: () => Promise.reject(new Error('jobs are not part of the in-memory Cloud Run')),
    stopAll: () => Promise.resolve(),
  };
  const state = new CloudRunState({ now: Date.now, random: Math.random, url: (k) => front.url(k) });
  const ops = new OperationStore();
  const iam = new IamStore();
  const run = new EmulatedCloudRun({
    state,
    front,
    runtime,
    ops,
    protos,
    faults: new Faults(),
    iam,
    startupTimeoutMs: 5_000,
    log: () => undefined,
  });
  const handlers: Record<string, UnaryHandler> = {};
  for (const [n, h] of Object.entries(run.servicesHandlers())) handlers[`Services.${n}`] = h;
  for (const [n, h] of Object.entries(run.revisionsHandlers())) handlers[`Revisions.${n}`] = h;
  for (const [n, h] of Object.entries(operationsHandlers(ops))) handlers[`Operations.${n}`] = h;
  const defs: Record<string, typeof protos.services> = {
    Services: protos.services,
    Revisions: protos.revisions,
    Operations: protos.operations,
  };
  const calls: MemoryCall[] = [];

  const answer = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const serve = async (url: string, init: { method?: string; body?: string }): Promise<Response> => {
    const u = new URL(url);
    const verb = (init.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(u.pathname);
    const route = table.find((r) => r.method === verb && r.pattern.test(path));
    if (route === undefined)
      return answer(404, { error: { code: 404, message: `no route ${verb} ${path}`, status: 'NOT_FOUND' } });
    const [svc, method] = route.rpc.split('.') as [string, string];
    const def = defs[svc]?.[method];
    if (def === undefined) throw new Error(`no definition for ${route.rpc}`);
    const rpc = root.lookupService(svc === 'Operations' ? 'google.longrunning.Operations' : `${RUN}.${svc}`)
      .methods[method];
    const requestType = rpc?.resolvedRequestType;
    const responseType = rpc?.resolvedResponseType;
    if (!requestType || !responseType) throw new Error(`no message types for ${route.rpc}`);
    const request: Record<string, unknown> = {};
    if (init.body !== undefined && init.body !== '') {
      const body = JSON.parse(init.body) as unknown;
      if (route.body === '*') Object.assign(request, body);
      else if (route.body !== undefined) setPath(request, route.body, body);
    }
    const m = route.pattern.exec(path);
    route.fields.forEach((f, i) => setPath(request, f, m?.[i + 1]));
    for (const [k, v] of u.searchParams) {
      if (k.startsWith('$')) continue;
      setPath(request, k, queryValue(requestType, k, v));
    }
    const message = fromProto3JSON(requestType, request as never);
    const decoded: unknown = def.requestDeserialize(
      Buffer.from(requestType.encode(message as protobuf.Message).finish()),
    );
    try {
      const result = await handlers[route.rpc]?.(decoded as Record<string, unknown>);
      calls.push({ method });
      const bytes = def.responseSerialize(result);
      return answer(200, toProto3JSON(responseType.decode(bytes)));
    } catch (err) {
      const code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 2;
      calls.push({ method, code });
      const message = (err as { details?: string; message?: string }).details ?? (err as Error).message;
      return answer(HTTP_OF[code] ?? 500, {
        error: { code: HTTP_OF[code] ?? 500, message, status: STATUS[code] ?? 'UNKNOWN' },
      });
    }
  };

  const authClient = {
    fetch: serve,
    getRequestHeaders: (): Promise<Headers> => Promise.resolve(new Headers()),
    getUniverseDomain: (): Promise<string> => Promise.resolve('googleapis.com'),
    universeDomain: 'googleapis.com',
  };
  return {
    clients(): CloudRunClients {
      const options = { fallback: true, authClient, universeDomain: 'googleapis.com' } as never;
      const services = new ServicesClient(options);
      const revisions = new RevisionsClient(options);
      return {
        services,
        revisions,
        close: async () => {
          await Promise.all([services.close(), revisions.close()]);
        },
      };
    },
    state,
    iam,
    calls,
    revisionBehind(url: string): string | undefined {
      const key = [...urls].find(([, u]) => u === url)?.[0];
      if (key === undefined) return undefined;
      const targets = state.routes(key);
      return targets.find((t) => t.percent > 0)?.revision ?? targets[0]?.revision;
    },
  };
}

/** gRPC code -> its HTTP status and name, as Google's HTTP/JSON front maps them. */
const HTTP_OF: Record<number, number> = {
  3: 400,
  5: 404,
  6: 409,
  7: 403,
  9: 400,
  10: 409,
  13: 500,
  14: 503,
  16: 401,
  8: 429,
  4: 504,
};
const STATUS: Record<number, string> = {
  3: 'INVALID_ARGUMENT',
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  6: 'ALREADY_EXISTS',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  9: 'FAILED_PRECONDITION',
  10: 'ABORTED',
  13: 'INTERNAL',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};
