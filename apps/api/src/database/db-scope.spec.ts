import { currentMetrics, currentTransaction, QueryMetrics, runInTransaction, runMeasured, Transaction } from './db-scope';

const transactionA = { manager: { name: 'A' }, client: { name: 'a' } } as unknown as Transaction;
const transactionB = { manager: { name: 'B' }, client: { name: 'b' } } as unknown as Transaction;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('db scope', () => {
  it('has neither metrics nor a transaction outside any scope', () => {
    expect(currentMetrics()).toBeNull();
    expect(currentTransaction()).toBeNull();
  });

  it('keeps the request’s metrics inside its transaction, across awaits', async () => {
    const metrics: QueryMetrics = { queries: 0, startedAt: 0n };
    await runMeasured(metrics, async () => {
      expect(currentTransaction()).toBeNull();
      await runInTransaction(transactionA, async () => {
        await tick();
        expect(currentTransaction()).toBe(transactionA);
        expect(currentMetrics()).toBe(metrics);
      });
      expect(currentTransaction()).toBeNull();
    });
  });

  it('keeps concurrent requests apart', async () => {
    const a: QueryMetrics = { queries: 0, startedAt: 0n };
    const b: QueryMetrics = { queries: 0, startedAt: 0n };
    const seen = await Promise.all([
      runMeasured(a, () => runInTransaction(transactionA, async () => (await tick(), [currentMetrics(), currentTransaction()]))),
      runMeasured(b, () => runInTransaction(transactionB, async () => (await tick(), [currentMetrics(), currentTransaction()]))),
    ]);
    expect(seen).toEqual([
      [a, transactionA],
      [b, transactionB],
    ]);
  });

  it('runs a transaction outside any request (jobs) without metrics', async () => {
    await runInTransaction(transactionB, async () => {
      await tick();
      expect(currentTransaction()).toBe(transactionB);
      expect(currentMetrics()).toBeNull();
    });
  });
});
