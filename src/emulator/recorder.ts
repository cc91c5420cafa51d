/** One RPC the emulator answered. */
export interface RecordedCall {
  service: string;
  method: string;
  request: unknown;
  ok: boolean;
  code?: number;
  at: number;
}

const MUTATING = /^(Create|Update|Delete|Set|Cancel|Batch|Import|Run|Export)/;

/** True for RPCs that can change state (Create*, Update*, Delete*, SetIamPolicy, ...); reads and operation polls are not. */
export function isMutating(method: string): boolean {
  return MUTATING.test(method) && method !== 'DeleteOperation' && method !== 'CancelOperation';
}

/** Keeps every call in order so tests can assert what was (and was not) changed. */
export class CallRecorder {
  readonly calls: RecordedCall[] = [];

  /** Appends one call. */
  record(call: RecordedCall): void {
    this.calls.push(call);
  }

  /** Every call that could change state, including ones that failed (their `ok` is false). */
  mutations(): RecordedCall[] {
    return this.calls.filter((c) => isMutating(c.method));
  }

  /** Forgets everything recorded so far. */
  clear(): void {
    this.calls.length = 0;
  }
}
