import { StampedRow, WriteProbe } from './write-probe';

/** What was committed while a batch of requests that had to be refused was served. */
export interface BatchOutcome {
  rows: StampedRow[];
  files: boolean;
  /** Descriptions of the batch's requests, with their statuses: who may have written it. */
  members: string[];
  /** A member may have written (a write route that accepted one: a bug of its own, reported by its case). */
  anyMayHaveWritten: boolean;
}

interface Batch {
  open: boolean;
  joined: number;
  finished: number;
  members: string[];
  anyMayHaveWritten: boolean;
  started: Promise<void>;
  done: Promise<BatchOutcome>;
  settle(outcome: BatchOutcome): void;
}

/**
 * Serves the cases of several routes at once (the API waits on the database most of the time)
 * and keeps "a refused request writes nothing" exact:
 * - a case that may be accepted, and so may write, runs alone between two probes (`alone`);
 * - cases that must be refused, and reads, run up to `width` at a time (`together`), and their
 *   batch is probed once: if anything was committed meanwhile, one of them wrote it.
 * A batch stays open until it is full or its first request is answered; cases waiting to run
 * alone go before new batches.
 */
export class CaseScheduler {
  private batch: Batch | null = null;
  private aloneRunning = false;
  private aloneWaiting = 0;
  private wakers: (() => void)[] = [];

  constructor(
    private readonly probe: WriteProbe,
    private readonly width: number,
  ) {}

  /** Runs `work` with nothing else in flight; it probes as it needs (its own window). */
  async alone<T>(work: (probe: WriteProbe) => Promise<T>): Promise<T> {
    this.aloneWaiting++;
    while (this.aloneRunning || this.batch) await this.changed();
    this.aloneWaiting--;
    this.aloneRunning = true;
    try {
      return await work(this.probe);
    } finally {
      this.aloneRunning = false;
      this.wake();
    }
  }

  /**
   * Runs `send` in a batch of requests that must write nothing (refusals, reads); `answer` says of
   * its result the status and whether it could have written after all (a write accepted).
   */
  async together<T>(
    description: string,
    send: () => Promise<T>,
    answer: (result: T) => { status: number; mayWrite: boolean },
  ): Promise<{ result: T; outcome: BatchOutcome }> {
    for (;;) {
      if (!this.aloneRunning && !this.aloneWaiting && (!this.batch || this.batch.open)) break;
      await this.changed();
    }
    const batch = this.batch ?? this.openBatch();
    batch.joined++;
    if (batch.joined >= this.width) batch.open = false;
    await batch.started;
    let sent: { result: T } | { error: unknown };
    try {
      sent = { result: await send() };
    } catch (error) {
      sent = { error };
    }
    batch.open = false; // the first answer closes the batch: its window must end soon
    batch.finished++;
    if ('result' in sent) {
      const { status, mayWrite } = answer(sent.result);
      batch.members.push(`${status} ${description}`);
      if (mayWrite) batch.anyMayHaveWritten = true;
    }
    if (batch.finished === batch.joined) void this.closeBatch(batch);
    const outcome = await batch.done;
    if ('error' in sent) throw sent.error;
    return { result: sent.result, outcome };
  }

  private openBatch(): Batch {
    let settle: (outcome: BatchOutcome) => void = () => undefined;
    const done = new Promise<BatchOutcome>((resolve) => (settle = resolve));
    const batch: Batch = { open: true, joined: 0, finished: 0, members: [], anyMayHaveWritten: false, started: this.probe.reset(), done, settle };
    this.batch = batch;
    return batch;
  }

  private async closeBatch(batch: Batch): Promise<void> {
    // A probe that fails must not leave the batch's cases waiting: it fails them instead.
    const written = await this.probe.written().catch((error: unknown) => ({ rows: [{ table: 'the write probe failed', row: { error: String(error) } }], files: false }));
    this.batch = null;
    batch.settle({ ...written, members: batch.members, anyMayHaveWritten: batch.anyMayHaveWritten });
    this.wake();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }
}
