import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db, OpenedTransaction } from './db-context';
import { DbScope, newRequestScope, runInRequestScope } from './db-scope';
import { serverTiming } from './query-metrics';

/*
 * Every request that is to write or read in a transaction is served inside one, acting for its
 * user (the row-level security context): the access guard begins it, with the token's account read
 * in the same message (JwtStrategy, Db.open with beginForAccount) or with no one on a public
 * route; the handler and what runs around it (pipes, the idempotency interceptor) reach it
 * through the request's scope; it ends before the answer is written: COMMIT when the answer is a
 * success, ROLLBACK otherwise. A failed COMMIT turns the answer into the problem it is: no
 * success is ever reported for a write that did not persist.
 *
 * Plain Fastify hooks, not a Nest interceptor: an interceptor on a route costs every request
 * Nest's interceptor chain (on Node 20, two AsyncResource.bind and an RxJS pipeline each). With
 * the transaction served by an interceptor, the API spent ~610 µs of CPU per project read and
 * ~1,280 µs per directory page in the bench; with these hooks ~460 and ~990 (bench/README.md).
 *
 * State is keyed by the request object, which Fastify's hooks, Nest and passport share.
 */
/** The request's scope itself: its `transaction` is the one the request's code runs in. */
interface RequestState extends DbScope {
  transaction: OpenedTransaction | null;
  /** The route serves in a transaction: the token check is to begin it (see JwtStrategy). */
  wanted: boolean;
}

const states = new WeakMap<object, RequestState>();

/** What a failed COMMIT answers instead of the handler's success: status and headers set on `reply`. */
export type FailureAnswer = (error: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * Registers the hooks: the scope entered before the handler (and the guards), the transaction
 * ended before the answer is written, and, as a safety net, rolled back once the answer is gone
 * if anything between the two failed to end it.
 */
export function registerRequestTransactions(fastify: FastifyInstance, db: Pick<Db, 'close' | 'discard'>, failureAnswer: FailureAnswer): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const state: RequestState = { ...newRequestScope(request.method === 'GET' || request.method === 'HEAD'), transaction: null, wanted: false };
    states.set(request, state);
    // `done` runs the next hook or the handler synchronously: all of the request's code after
    // this point, and what it awaits, sees this scope.
    runInRequestScope(state, done);
  });

  fastify.addHook('onSend', (request, reply, payload, done) => {
    const state = states.get(request);
    const transaction = state?.transaction;
    if (!state || !transaction) return done(null, payload);
    state.transaction = null;
    const success = reply.statusCode < 400;
    db.close(transaction, success).then(
      () => {
        setServerTiming(state, reply);
        done(null, payload);
      },
      (error: unknown) => {
        setServerTiming(state, reply);
        if (!success) return done(null, payload); // the answer already reports a failure
        void reply.removeHeader('content-disposition').removeHeader('content-length');
        done(null, JSON.stringify(failureAnswer(error, request, reply)));
      },
    );
  });

  fastify.addHook('onResponse', (request, _reply, done) => {
    const transaction = takeOpened(request);
    if (transaction) void db.discard(transaction).catch(() => undefined);
    done();
  });
}

function setServerTiming(state: RequestState, reply: FastifyReply): void {
  if (state.metrics) void reply.header('Server-Timing', serverTiming(state.metrics));
}

/** The route serves in a transaction: the token check is to begin it (see JwtStrategy). */
export function beginWithTokenCheck(request: object): void {
  const state = states.get(request);
  if (state) state.wanted = true;
}

export function transactionWanted(request: object): boolean {
  return states.get(request)?.wanted ?? false;
}

/** The request is served in `transaction` from now on, and its answer ends it. */
export function keepOpened(request: object, transaction: OpenedTransaction): void {
  const state = states.get(request);
  if (!state) throw new Error('No request scope: the request transaction hooks are not registered.');
  state.transaction = transaction;
}

/** The transaction begun for `request`, now the caller's to end (the guard refused); null if none. */
export function takeOpened(request: object): OpenedTransaction | null {
  const state = states.get(request);
  const transaction = state?.transaction ?? null;
  if (state) state.transaction = null;
  return transaction;
}
