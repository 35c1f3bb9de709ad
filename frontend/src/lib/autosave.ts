/**
 * Autosave for an edited document under optimistic concurrency: each change restarts a
 * debounce timer; when it fires the latest draft is saved with the ETag of the last save
 * (If-Match). Saves run one at a time, and other writes that move the revision (uploads,
 * submit) can run in between through `exclusive()`. A 412 stops autosaving and keeps the
 * server's current document for the user to load; nothing is retried over it.
 */

export type SaveOutcome<V> =
  /** Saved: the stored document and its new ETag. */
  | { kind: "saved"; value: V; etag: string }
  /** Someone else saved first (412): the document as it is now, and its ETag. */
  | { kind: "conflict"; current: V | null; etag: string | null }
  /** The document can no longer be changed (409 submission_closed). */
  | { kind: "closed"; problem?: unknown }
  /** The draft was refused as invalid (400, or checked locally); a later change may fix it. */
  | { kind: "invalid"; problem: unknown }
  /** The save did not go through (network, 5xx); retry() tries the same draft again. */
  | { kind: "failed"; problem?: unknown };

export type AutosaveStatus =
  | "idle" // nothing changed since loading
  | "dirty" // changes wait for the debounce
  | "saving"
  | "saved"
  | "invalid"
  | "failed"
  | "conflict"
  | "closed";

export interface AutosaveState<V> {
  status: AutosaveStatus;
  /** The ETag the next save is based on. */
  etag: string;
  /** When the last save succeeded. */
  savedAt: Date | null;
  /** On conflict: the server's current document and its ETag. */
  current: V | null;
  currentEtag: string | null;
  /** The problem of the last invalid / failed / closed outcome. */
  problem: unknown;
}

export interface AutosaveOptions<D, V> {
  save: (draft: D, etag: string) => Promise<SaveOutcome<V>>;
  etag: string;
  /** Debounce after the last change, in ms (default 1500). */
  delay?: number;
  /** Called with each saved document (e.g. to pick up computed fields). */
  onSaved?: (value: V, draft: D) => void;
  now?: () => Date;
}

type Listener = () => void;

export class Autosave<D, V> {
  private state: AutosaveState<V>;
  private pending: D | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<Listener>();
  private readonly delay: number;

  constructor(private readonly options: AutosaveOptions<D, V>) {
    this.delay = options.delay ?? 1500;
    this.state = { status: "idle", etag: options.etag, savedAt: null, current: null, currentEtag: null, problem: null };
  }

  getState = (): AutosaveState<V> => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** True once a conflict or the deadline stopped autosaving. */
  get stopped(): boolean {
    return this.state.status === "conflict" || this.state.status === "closed";
  }

  /** Records the latest draft and (re)starts the debounce. Ignored once stopped. */
  change(draft: D): void {
    if (this.stopped) return;
    this.pending = draft;
    if (this.state.status !== "saving") this.set({ status: "dirty" });
    this.schedule(this.delay);
  }

  /** Saves pending changes now and waits for every save in progress. */
  async flush(): Promise<AutosaveState<V>> {
    this.clearTimer();
    while (this.pending !== null && !this.stopped) {
      await this.lock(() => this.saveNow());
      if (this.state.status === "invalid" || this.state.status === "failed") break;
    }
    await this.chain;
    return this.state;
  }

  /** After a failed save: try the same draft again at once. */
  retry(): void {
    if (this.stopped || this.pending === null) return;
    this.schedule(0);
  }

  /**
   * Runs another write between saves (none in flight during it). `task` gets the current
   * ETag; the ETag it returns (if any) becomes the base of the next save.
   */
  exclusive<T>(task: (etag: string) => Promise<{ result: T; etag?: string | null }>): Promise<T> {
    return this.lock(async () => {
      const { result, etag } = await task(this.state.etag);
      if (etag) this.set({ etag });
      return result;
    });
  }

  /** Takes a new base ETag (e.g. after submitting) without saving. */
  setEtag(etag: string): void {
    this.set({ etag });
  }

  /** Marks a conflict found outside a save (e.g. after an upload). */
  conflict(current: V | null, etag: string | null): void {
    this.clearTimer();
    this.set({ status: "conflict", current, currentEtag: etag });
  }

  /** Marks the document closed for changes. */
  close(problem?: unknown): void {
    this.clearTimer();
    this.pending = null;
    this.set({ status: "closed", problem: problem ?? null });
  }

  /**
   * After a conflict: continue from the server's version (the caller replaced its form with
   * it). Local changes not saved are dropped.
   */
  resume(etag: string): void {
    this.clearTimer();
    this.pending = null;
    this.set({ status: "idle", etag, current: null, currentEtag: null, problem: null });
  }

  /** Stops the timer (when the editor goes away). */
  dispose(): void {
    this.clearTimer();
    this.listeners.clear();
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.lock(() => this.saveNow());
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private lock<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn);
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async saveNow(): Promise<void> {
    const draft = this.pending;
    if (draft === null || this.stopped) return;
    this.pending = null;
    this.set({ status: "saving" });
    let outcome: SaveOutcome<V>;
    try {
      outcome = await this.options.save(draft, this.state.etag);
    } catch (problem) {
      outcome = { kind: "failed", problem };
    }
    // `change()` during the save left a newer draft in `pending`.
    const newer = this.pending !== null;
    switch (outcome.kind) {
      case "saved":
        this.set({
          status: newer ? "dirty" : "saved",
          etag: outcome.etag,
          savedAt: (this.options.now ?? (() => new Date()))(),
          problem: null,
        });
        this.options.onSaved?.(outcome.value, draft);
        break;
      case "conflict":
        this.clearTimer();
        this.pending ??= draft;
        this.set({ status: "conflict", current: outcome.current, currentEtag: outcome.etag });
        break;
      case "closed":
        this.close(outcome.problem);
        break;
      case "invalid":
        this.set({ status: newer ? "dirty" : "invalid", problem: outcome.problem });
        break;
      case "failed":
        this.pending ??= draft;
        this.set({ status: "failed", problem: outcome.problem ?? null });
        break;
    }
  }

  private set(patch: Partial<AutosaveState<V>>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/** The revision an ETag carries: `"7"` or W/"7" → 7; null for any other tag. */
export function etagRevision(etag: string | null | undefined): number | null {
  if (!etag) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(etag.trim());
  return m ? Number(m[1]) : null;
}
