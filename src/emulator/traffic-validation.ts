import { isDns1035Label } from './naming.js';
import { invalidArgument } from './rpc-error.js';

export const LATEST = 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST';
export const REVISION = 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION';

/** One entry of `service.traffic` as the client sent it (enums as names, as proto-loader decodes them). */
export interface TrafficTargetInput {
  type?: string;
  revision?: string;
  percent?: number;
  tag?: string;
}

/** A traffic target after normalising the allocation type. */
export interface TrafficTarget {
  type: typeof LATEST | typeof REVISION;
  revision: string;
  percent: number;
  tag: string;
}

/** Cloud Run's limit on the tag URL host part. */
export const MAX_TAG_AND_SERVICE = 46;

/** Resolves an unspecified type the way Cloud Run does: a named revision means REVISION, otherwise LATEST. */
export function normalizeTraffic(traffic: readonly TrafficTargetInput[]): TrafficTarget[] {
  return traffic.map((t) => {
    const revision = t.revision ?? '';
    const type =
      t.type === LATEST || t.type === REVISION ? t.type : revision ? REVISION : (LATEST as typeof LATEST);
    return { type, revision, percent: t.percent ?? 0, tag: t.tag ?? '' };
  });
}

/**
 * Checks traffic the way Cloud Run documents it and throws INVALID_ARGUMENT naming the first problem:
 * percents 0..100 summing to 100, LATEST without a revision name, REVISION with one that exists in this
 * service, tags unique DNS-1035 labels that fit the 46-character tag+service limit.
 */
export function validateTraffic(
  serviceId: string,
  traffic: readonly TrafficTarget[],
  revisionExists: (revision: string) => boolean,
): void {
  if (traffic.length === 0) return;
  let sum = 0;
  const tags = new Set<string>();
  for (const t of traffic) {
    if (!Number.isInteger(t.percent) || t.percent < 0 || t.percent > 100) {
      throw invalidArgument(`Traffic percent must be an integer between 0 and 100, got ${t.percent}.`);
    }
    sum += t.percent;
    if (t.type === LATEST && t.revision) {
      throw invalidArgument(
        `A traffic target of type LATEST must not name a revision (got '${t.revision}').`,
      );
    }
    if (t.type === REVISION) {
      if (!t.revision) throw invalidArgument('A traffic target of type REVISION must name a revision.');
      if (!revisionExists(t.revision)) {
        throw invalidArgument(
          `Revision '${t.revision}' named in traffic does not exist in service '${serviceId}'.`,
        );
      }
    }
    if (t.tag) {
      if (!isDns1035Label(t.tag)) {
        throw invalidArgument(
          `Invalid traffic tag '${t.tag}': a tag must be a DNS-1035 label (lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen).`,
        );
      }
      if (t.tag.length + serviceId.length > MAX_TAG_AND_SERVICE) {
        throw invalidArgument('Combined traffic tag and service name cannot exceed 46 characters.');
      }
      if (tags.has(t.tag)) throw invalidArgument(`Traffic tag '${t.tag}' is used more than once.`);
      tags.add(t.tag);
    }
  }
  if (sum !== 100) throw invalidArgument(`Traffic percents must sum to 100, got ${sum}.`);
}
