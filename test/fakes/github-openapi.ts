/**
 * Request validation against GitHub's published OpenAPI description (@octokit/openapi): the operation for a
 * method and path, path parameter types, and the JSON body against the operation's request schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { type?: string; enum?: unknown[] };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: object }> };
}
interface Route {
  template: string;
  regex: RegExp;
  params: string[];
  methods: Record<string, Operation>;
}

export interface MatchedOperation {
  operationId: string;
  params: Record<string, string>;
}

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** Loads the dereferenced description once; every route becomes a regex over its path template. */
export class GitHubOpenApi {
  private readonly routes: Route[];
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    const path = require.resolve('@octokit/openapi/generated/api.github.com.deref.json');
    const spec = JSON.parse(readFileSync(path, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
    };
    this.routes = Object.entries(spec.paths).map(([template, methods]) => {
      const params: string[] = [];
      const pattern = template
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{([^}]+)\}/g, (_m, name: string) => {
          params.push(name);
          return '([^/]+)';
        });
      return { template, regex: new RegExp(`^${pattern}$`), params, methods };
    });
    // Literal segments beat parameters: /repos/{o}/{r}/issues/comments/{id} before .../issues/{n}/comments.
    this.routes.sort((a, b) => a.params.length - b.params.length);
  }

  /** Returns the matched operation, or the reasons the real API would reject the request. */
  check(method: string, pathname: string, body: unknown): { op?: MatchedOperation; violations: string[] } {
    const route = this.routes.find(
      (r) => r.regex.test(pathname) && r.methods[method.toLowerCase()] !== undefined,
    );
    if (route === undefined)
      return { violations: [`${method} ${pathname}: no such operation in GitHub's API`] };
    const op = route.methods[method.toLowerCase()];
    const values = route.regex.exec(pathname)?.slice(1) ?? [];
    const params = Object.fromEntries(
      route.params.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]),
    );
    const violations: string[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in !== 'path') continue;
      const v = params[p.name] ?? '';
      if (p.schema?.type === 'integer' && !/^\d+$/.test(v))
        violations.push(`${op.operationId}: path ${p.name}=${v} is not an integer`);
    }
    const schema = op.requestBody?.content?.['application/json']?.schema;
    if (schema !== undefined) {
      if (body === undefined && op.requestBody?.required === true)
        violations.push(`${op.operationId}: body required`);
      if (body !== undefined) {
        let validate = this.validators.get(op.operationId);
        if (validate === undefined) {
          validate = this.ajv.compile(schema);
          this.validators.set(op.operationId, validate);
        }
        if (!validate(body)) {
          for (const e of validate.errors ?? [])
            violations.push(`${op.operationId}: body${e.instancePath} ${e.message ?? ''}`);
        }
      }
    }
    return { op: { operationId: op.operationId, params }, violations };
  }
}
