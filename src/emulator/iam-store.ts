/** IAM policies per Cloud Run service (dropped with the service) and per project, with etag-checked writes. */
import { randomBytes } from 'node:crypto';
import { validateBindings, type Binding, type Policy } from './iam-policy.js';
import { aborted } from './rpc-error.js';

export class IamStore {
  private readonly services = new Map<string, Policy>();
  private readonly projects = new Map<string, Binding[]>();
  /** The organization's bindings: inherited by every project (the emulator has one organization). */
  private organization: Binding[] = [];

  /** The service's policy (an empty one, with its own etag, until something is set). */
  get(resource: string): Policy {
    let p = this.services.get(resource);
    if (!p) {
      p = { version: 1, bindings: [], etag: randomBytes(8) };
      this.services.set(resource, p);
    }
    return p;
  }

  /** SetIamPolicy: replaces the bindings; a stale etag is refused as IAM refuses it (ABORTED). */
  set(
    resource: string,
    policy: { version?: number; bindings?: Binding[]; etag?: Buffer | Uint8Array },
  ): Policy {
    const current = this.get(resource);
    const etag = policy.etag ? Buffer.from(policy.etag) : Buffer.alloc(0);
    if (etag.length > 0 && !etag.equals(current.etag))
      throw aborted(
        'There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff.',
      );
    const bindings = validateBindings(policy.bindings ?? []).filter((b) => b.members.length > 0);
    const next: Policy = {
      version: bindings.some((b) => b.condition) ? 3 : policy.version || 1,
      bindings,
      etag: randomBytes(8),
    };
    this.services.set(resource, next);
    return next;
  }

  /** Forgets a deleted service's policy (a service created again under the name starts private). */
  drop(resource: string): void {
    this.services.delete(resource);
  }

  /** Grants a role on a whole project (what a deployer's service account usually holds). */
  grantProject(project: string, role: string, member: string): void {
    const [b] = validateBindings([{ role, members: [member] }]);
    if (b) this.projects.set(project, [...(this.projects.get(project) ?? []), b]);
  }

  /** Grants a role on the organization, so on every project in it (a test's operator, an org admin). */
  grantOrganization(role: string, member: string): void {
    const [b] = validateBindings([{ role, members: [member] }]);
    if (b) this.organization = [...this.organization, b];
  }

  /** The bindings that apply to a resource: its own, its project's and the organization's. */
  effective(resource: string): Binding[] {
    const project = /^projects\/([^/]+)(\/|$)/.exec(resource)?.[1] ?? '';
    return [
      ...(this.services.get(resource)?.bindings ?? []),
      ...(this.projects.get(project) ?? []),
      ...this.organization,
    ];
  }
}
