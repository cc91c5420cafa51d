import { isMutating } from './recorder.js';

/** The fault-injection controls tests use (see the emulator contract). */
export interface FaultInjector {
  failNext(method: string, count: number, code: number, message?: string): void;
  failRandomly(fraction: number, codes: number[], methods?: string[], seed?: number): void;
  /** `method` is an RPC name, or '*' for every method. */
  setLatency(method: string, ms: number): void;
  setReadinessDelay(ms: number): void;
  /** A revision (short id or full name), or every revision whose short id matches a pattern. */
  makeUnhealthy(revisionName: string | RegExp): void;
  /**
   * Applies a `fraction` of the calls to `methods` (default: every mutating call) and then answers them
   * UNAVAILABLE, as when a response is lost on the way back: the client must not do the work twice.
   */
  loseAnswers(fraction: number, methods?: string[], seed?: number): void;
  reset(): void;
}

/** A decided fault for one call. */
export interface InjectedFault {
  code: number;
  message: string;
}

/** A small seeded PRNG (mulberry32), so a failing random-fault run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Holds the injected faults; the gRPC layer asks it before each call, the HTTP front and runtime read the rest. */
export class Faults implements FaultInjector {
  private next = new Map<string, { count: number; code: number; message: string }>();
  private random?: { fraction: number; codes: number[]; methods?: Set<string>; rand: () => number };
  private latency = new Map<string, number>();
  private unhealthy = new Set<string>();
  private unhealthyPatterns: RegExp[] = [];
  private lost?: { fraction: number; methods?: Set<string>; rand: () => number };
  /** Extra delay before a new revision becomes Ready. */
  readinessDelayMs = 0;

  failNext(method: string, count: number, code: number, message?: string): void {
    this.next.set(method, { count, code, message: message ?? `injected fault in ${method}` });
  }

  failRandomly(fraction: number, codes: number[], methods?: string[], seed?: number): void {
    if (codes.length === 0) throw new Error('failRandomly needs at least one status code');
    this.random = {
      fraction,
      codes,
      methods: methods ? new Set(methods) : undefined,
      rand: seededRandom(seed ?? Date.now()),
    };
  }

  setLatency(method: string, ms: number): void {
    this.latency.set(method, ms);
  }

  setReadinessDelay(ms: number): void {
    this.readinessDelayMs = ms;
  }

  makeUnhealthy(revisionName: string | RegExp): void {
    if (typeof revisionName === 'string') this.unhealthy.add(revisionName);
    else this.unhealthyPatterns.push(revisionName);
  }

  loseAnswers(fraction: number, methods?: string[], seed?: number): void {
    this.lost = {
      fraction,
      methods: methods ? new Set(methods) : undefined,
      rand: seededRandom(seed ?? Date.now()),
    };
  }

  /** Decides whether the answer of this (already applied) call of `method` is lost. */
  loseAnswer(method: string): boolean {
    const l = this.lost;
    if (!l) return false;
    const applies = l.methods ? l.methods.has(method) : isMutating(method);
    return applies && l.rand() < l.fraction;
  }

  reset(): void {
    this.next.clear();
    this.random = undefined;
    this.latency.clear();
    this.unhealthy.clear();
    this.unhealthyPatterns = [];
    this.lost = undefined;
    this.readinessDelayMs = 0;
  }

  /** The latency to add before answering `method`. */
  latencyFor(method: string): number {
    return this.latency.get(method) ?? this.latency.get('*') ?? 0;
  }

  /** Decides whether this call of `method` fails, consuming a failNext budget. */
  decide(method: string): InjectedFault | undefined {
    const planned = this.next.get(method);
    if (planned && planned.count > 0) {
      planned.count -= 1;
      if (planned.count === 0) this.next.delete(method);
      return { code: planned.code, message: planned.message };
    }
    const r = this.random;
    if (r && (!r.methods || r.methods.has(method)) && r.rand() < r.fraction) {
      const code = r.codes[Math.floor(r.rand() * r.codes.length) % r.codes.length];
      return { code, message: `injected random fault in ${method}` };
    }
    return undefined;
  }

  /** True when a revision (full resource name or short id) was made unhealthy. */
  isUnhealthy(revisionName: string): boolean {
    if (this.unhealthy.has(revisionName)) return true;
    const id = revisionName.split('/').pop() ?? revisionName;
    return this.unhealthy.has(id) || this.unhealthyPatterns.some((p) => p.test(id));
  }
}
