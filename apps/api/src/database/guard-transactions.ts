import type { FastifyInstance } from 'fastify';
import type { Db, OpenedTransaction } from './db-context';

/*
 * The transaction the access guard begins for a request, with the token's account read in the
 * same message (Db.open with beginForAccount), kept here until the request transaction
 * interceptor serves the handler in it. One round trip fewer per authenticated request than
 * reading the account first and beginning afterwards. Keyed by the request object, which Nest,
 * passport and Fastify's hooks share.
 */
const wanted = new WeakSet<object>();
const opened = new WeakMap<object, OpenedTransaction>();

/** The route serves in a transaction: the token check is to begin it (see JwtStrategy). */
export function beginWithTokenCheck(request: object): void {
  wanted.add(request);
}

export function transactionWanted(request: object): boolean {
  return wanted.has(request);
}

export function keepOpened(request: object, transaction: OpenedTransaction): void {
  opened.set(request, transaction);
}

/** The transaction begun for `request`, now the caller's to end; null if there is none. */
export function takeOpened(request: object): OpenedTransaction | null {
  const transaction = opened.get(request) ?? null;
  opened.delete(request);
  return transaction;
}

/**
 * A request answered without its handler taking the transaction the guard began (a failure
 * between the two): the transaction is rolled back and its connection goes back to the pool.
 */
export function endUntakenTransactions(fastify: FastifyInstance, db: Pick<Db, 'discard'>): void {
  fastify.addHook('onResponse', (request, _reply, done) => {
    const transaction = takeOpened(request);
    if (transaction) void db.discard(transaction).catch(() => undefined);
    done();
  });
}
