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

  /**
   * The bindings that apply to a resource: its own, its ancestors' (a repository's policy covers its
   * packages, tags and versions; a secret's its versions), its project's and the organization's.
   */
  effective(resource: string): Binding[] {
    const project = /^projects\/([^/]+)(\/|$)/.exec(resource)?.[1] ?? '';
    const segments = resource.split('/');
    const own: Binding[] = [];
    for (let n = segments.length; n > 2; n--) {
      own.push(...(this.services.get(segments.slice(0, n).join('/'))?.bindings ?? []));
    }
    return [...own, ...(this.projects.get(project) ?? []), ...this.organization];
  }

  /** Adds a binding to a resource's own policy (what its setIamPolicy would do). */
  grantResource(resource: string, role: string, member: string): void {
    const current = this.get(resource);
    const others = current.bindings.filter((b) => b.role !== role || b.condition);
    const mine = current.bindings.find((b) => b.role === role && !b.condition);
    this.set(resource, { bindings: [...others, { role, members: [...(mine?.members ?? []), member] }] });
  }
}
