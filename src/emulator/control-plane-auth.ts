/**
 * The control plane's authorization, as Google's front end does it for every gRPC call: the bearer token
 * must verify (UNAUTHENTICATED otherwise), the caller must hold the method's permission on the resource, its
 * project or the organization (PERMISSION_DENIED naming both otherwise), and a call that deploys a revision
 * or a job must come from a caller holding iam.serviceAccounts.actAs on the identity it will run as.
 */
import { status, type Metadata } from '@grpc/grpc-js';
import {
  actAsDeniedMessage,
  apiHostsOf,
  defaultComputeServiceAccount,
  permissionDeniedMessage,
  projectOf,
  requiredPermission,
  UNAUTHENTICATED_MESSAGE,
} from './control-plane-permissions.js';
import { serviceAccountResource } from './iam-credentials.js';
import type { IamStore } from './iam-store.js';
import type { IdentityAuthority } from './identity.js';
import { allowed, type Principal } from './principals.js';
import { RpcError } from './rpc-error.js';
import type { ProjectDirectory } from './workload-identity.js';

type Msg = Record<string, unknown>;

export interface ControlPlaneAuthDeps {
  authority: IdentityAuthority;
  iam: IamStore;
  projects: ProjectDirectory;
  /** Which API made an operation (its GetOperation needs that API's permission). */
  operationApi(name: string): 'run' | 'artifactregistry';
  /** The template an UpdateService would deploy, undefined for a traffic-only change. */
  deployedTemplate(service: Msg, updateMask: readonly string[]): Msg | undefined;
}

/** The project a service account lives in (the default compute account's, by its number), or '-'. */
export function serviceAccountProject(email: string, projects: ProjectDirectory): string {
  const iam = /@([^.]+)\.iam\.gserviceaccount\.com$/.exec(email)?.[1];
  const compute = /^(\d+)-compute@developer\.gserviceaccount\.com$/.exec(email)?.[1];
  return iam ?? (compute !== undefined ? projects.id(compute) : '-');
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export class ControlPlaneAuth {
  constructor(private readonly d: ControlPlaneAuthDeps) {}

  /** The caller of a call, or UNAUTHENTICATED. */
  authenticate(grpcService: string, metadata: Metadata): Principal {
    const header = metadata.get('authorization')[0];
    const token = /^Bearer (.+)$/i.exec(typeof header === 'string' ? header : '')?.[1];
    const check = this.d.authority.callerOf(token, apiHostsOf(grpcService));
    if (!check.ok) throw new RpcError(status.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE);
    return check.principal;
  }

  /** True when the principal holds `permission` on `resource` (its own policy, its project's, the organization's). */
  may(principal: Principal, permission: string, resource: string): boolean {
    return allowed(this.d.iam.effective(resource), principal, permission);
  }

  /** Authenticates and authorizes one call; returns the caller, or throws the RpcError Google would answer. */
  authorize(grpcService: string, method: string, request: Msg, metadata: Metadata): Principal {
    const principal = this.authenticate(grpcService, metadata);
    const answer = requiredPermission(grpcService, method, request, (n) => this.d.operationApi(n));
    if (!answer.known)
      throw new RpcError(
        status.PERMISSION_DENIED,
        `The caller does not have permission to call ${grpcService}.${method}.`,
      );
    const r = answer.requirement;
    if (r !== undefined && !this.may(principal, r.permission, r.resource))
      throw new RpcError(status.PERMISSION_DENIED, permissionDeniedMessage(r));
    for (const email of this.runtimeIdentities(grpcService, method, request)) {
      // The account's own policy, or its project's (and the organization's).
      const bindings = [
        ...this.d.iam.effective(serviceAccountResource(email)),
        ...this.d.iam.effective(`projects/${serviceAccountProject(email, this.d.projects)}`),
      ];
      if (!allowed(bindings, principal, 'iam.serviceAccounts.actAs'))
        throw new RpcError(status.PERMISSION_DENIED, actAsDeniedMessage(email));
    }
    return principal;
  }

  /** The permissions of `asked` the principal holds on `resource` (TestIamPermissions). */
  held(principal: Principal, resource: string, asked: readonly string[]): string[] {
    return asked.filter((p) => this.may(principal, p, resource));
  }

  /** The service accounts a call deploys something to run as (none for reads and traffic-only updates). */
  private runtimeIdentities(grpcService: string, method: string, req: Msg): string[] {
    const account = (template: Msg | undefined, parent: string): string => {
      const named = str(template?.serviceAccount);
      return named !== '' ? named : defaultComputeServiceAccount(this.d.projects.number(projectOf(parent)));
    };
    if (grpcService === 'google.cloud.run.v2.Services') {
      if (method === 'CreateService') {
        const service = (req.service as Msg | undefined) ?? {};
        return [account(service.template as Msg | undefined, str(req.parent))];
      }
      if (method === 'UpdateService') {
        const service = (req.service as Msg | undefined) ?? {};
        const mask = (req.updateMask as { paths?: unknown[] } | undefined)?.paths ?? [];
        let template: Msg | undefined;
        try {
          template = this.d.deployedTemplate(
            service,
            mask.filter((p): p is string => typeof p === 'string'),
          );
        } catch {
          return []; // an invalid request: the handler refuses it
        }
        return template === undefined ? [] : [account(template, str(service.name))];
      }
    }
    if (grpcService === 'google.cloud.run.v2.Jobs' && (method === 'CreateJob' || method === 'UpdateJob')) {
      const job = (req.job as Msg | undefined) ?? {};
      const task = ((job.template as Msg | undefined)?.template as Msg | undefined) ?? {};
      return [account(task, method === 'CreateJob' ? str(req.parent) : str(job.name))];
    }
    return [];
  }
}
