import { invalidArgument } from './rpc-error.js';

/** The parts of `projects/P/locations/L/services/S`. */
export interface ServiceNameParts {
  project: string;
  location: string;
  service: string;
}

const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** True for a DNS-1035 label (lowercase letter first, letters/digits/hyphens, no trailing hyphen) of at most `max` chars. */
export function isDns1035Label(value: string, max = 63): boolean {
  return value.length > 0 && value.length <= max && DNS_1035.test(value);
}

/**
 * "Location must be a valid Google Cloud region, and cannot be the "-" wildcard" (service.proto,
 * ListServicesRequest.parent): no Cloud Run method takes the wildcard location.
 */
function refuseWildcardLocation(location: string, what: string): void {
  if (location === '-') {
    throw invalidArgument(
      `Invalid ${what}: the location must be a Google Cloud region; the '-' wildcard is not supported.`,
    );
  }
}

/** Splits `projects/P/locations/L` or throws INVALID_ARGUMENT. */
export function parseLocationParent(parent: string): { project: string; location: string } {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)$/.exec(parent);
  if (!m)
    throw invalidArgument(`Invalid parent '${parent}': expected projects/{project}/locations/{location}.`);
  refuseWildcardLocation(m[2], `parent '${parent}'`);
  return { project: m[1], location: m[2] };
}

/**
 * A ListRevisions parent naming `services/-` ("To list all Revisions across Services, use "-" instead of
 * Service name", revision.proto): its location; undefined for an ordinary service name.
 */
export function parseRevisionsParent(parent: string): string | undefined {
  const m = /^(projects\/[^/]+\/locations\/[^/]+)\/services\/-$/.exec(parent);
  if (!m) return undefined;
  parseLocationParent(m[1]);
  return m[1];
}

/** Splits `projects/P/locations/L/services/S` or throws INVALID_ARGUMENT. */
export function parseServiceName(name: string): ServiceNameParts {
  const m = /^projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+)$/.exec(name);
  if (!m)
    throw invalidArgument(
      `Invalid service name '${name}': expected projects/{project}/locations/{location}/services/{service}.`,
    );
  refuseWildcardLocation(m[2], `service name '${name}'`);
  return { project: m[1], location: m[2], service: m[3] };
}

/** Splits `projects/P/locations/L/services/S/revisions/R` or throws INVALID_ARGUMENT. */
export function parseRevisionName(
  name: string,
): ServiceNameParts & { revision: string; serviceName: string } {
  const m = /^(projects\/([^/]+)\/locations\/([^/]+)\/services\/([^/]+))\/revisions\/([^/]+)$/.exec(name);
  if (!m) {
    throw invalidArgument(
      `Invalid revision name '${name}': expected projects/{project}/locations/{location}/services/{service}/revisions/{revision}.`,
    );
  }
  refuseWildcardLocation(m[3], `revision name '${name}'`);
  return { serviceName: m[1], project: m[2], location: m[3], service: m[4], revision: m[5] };
}

/** Cloud Run's service id rule: a DNS-1035 label of at most 49 characters. */
export function validateServiceId(serviceId: string): void {
  if (!isDns1035Label(serviceId, 49)) {
    throw invalidArgument(
      `Invalid service id '${serviceId}': it must be a DNS-1035 label of at most 49 characters (lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen).`,
    );
  }
}

/** Cloud Run's rule for template.revision: prefixed by `<service>-`, a DNS-1035 label of at most 63 characters. */
export function validateRevisionId(serviceId: string, revision: string): void {
  if (!revision.startsWith(`${serviceId}-`) || revision.length === serviceId.length + 1) {
    throw invalidArgument(
      `Revision name '${revision}' must be prefixed by the name of the enclosing Service: '${serviceId}-'.`,
    );
  }
  if (!isDns1035Label(revision, 63)) {
    throw invalidArgument(
      `Invalid revision name '${revision}': it must be a DNS-1035 label of at most 63 characters.`,
    );
  }
}

/** Cloud Run's generated revision id: `<service>-<5 digit generation>-<3 random lowercase letters>`. */
export function generatedRevisionId(serviceId: string, generation: number, random: () => number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let suffix = '';
  for (let i = 0; i < 3; i++) suffix += letters[Math.floor(random() * letters.length) % letters.length];
  return `${serviceId}-${String(generation).padStart(5, '0')}-${suffix}`;
}
