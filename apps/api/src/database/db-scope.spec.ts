import { currentMetrics, currentTransaction, newRequestScope, runInRequestScope, runInTransaction, Transaction } from './db-scope';

const transactionA = { manager: { name: 'A' }, client: { name: 'a' } } as unknown as Transaction;
const transactionB = { manager: { name: 'B' }, client: { name: 'b' } } as unknown as Transaction;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('db scope', () => {
  it('has neither metrics nor a transaction outside any scope', () => {
    expect(currentMetrics()).toBeNull();
    expect(currentTransaction()).toBeNull();
  });

  it('keeps the request’s metrics inside a transaction of its own, across awaits', async () => {
    const scope = newRequestScope();
    await runInRequestScope(scope, async () => {
      expect(currentTransaction()).toBeNull();
      await runInTransaction(transactionA, async () => {
        await tick();
        expect(currentTransaction()).toBe(transactionA);
        expect(currentMetrics()).toBe(scope.metrics);
      });
      expect(currentTransaction()).toBeNull();
    });
  });

  it('serves the rest of a request in the transaction set on its scope later', async () => {
    const scope = newRequestScope();
    await runInRequestScope(scope, async () => {
      const later = tick().then(() => currentTransaction());
      scope.transaction = transactionB;
      expect(await later).toBe(transactionB);
      scope.transaction = null;
      expect(currentTransaction()).toBeNull();
    });
  });

  it('runs a transaction outside any request (jobs) without metrics', async () => {
    await runInTransaction(transactionB, async () => {
      await tick();
      expect(currentTransaction()).toBe(transactionB);
      expect(currentMetrics()).toBeNull();
    });
  });
});
