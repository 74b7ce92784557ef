import type { FastifyInstance } from 'fastify';
import type { OpenedTransaction } from './db-context';
import { beginWithTokenCheck, endUntakenTransactions, keepOpened, takeOpened, transactionWanted } from './guard-transactions';

type OnResponse = (request: object, reply: object, done: () => void) => void;

function fastifyWithHooks(): { fastify: FastifyInstance; onResponse: () => OnResponse } {
  let hook: OnResponse | undefined;
  const fastify = {
    addHook: (name: string, handler: OnResponse) => {
      if (name === 'onResponse') hook = handler;
    },
  } as unknown as FastifyInstance;
  return {
    fastify,
    onResponse: () => {
      if (!hook) throw new Error('no onResponse hook');
      return hook;
    },
  };
}

const transaction: OpenedTransaction = { ended: false };

describe('guard transactions', () => {
  it('hands the transaction the guard began to one taker only', () => {
    const request = {};
    expect(transactionWanted(request)).toBe(false);
    beginWithTokenCheck(request);
    expect(transactionWanted(request)).toBe(true);
    keepOpened(request, transaction);
    expect(takeOpened(request)).toBe(transaction);
    expect(takeOpened(request)).toBeNull();
  });

  it('rolls back, once the answer is sent, a transaction no handler took', () => {
    const discard = jest.fn(() => Promise.resolve());
    const { fastify, onResponse } = fastifyWithHooks();
    endUntakenTransactions(fastify, { discard });
    const untaken = {};
    keepOpened(untaken, transaction);
    const done = jest.fn();
    onResponse()(untaken, {}, done);
    expect(discard).toHaveBeenCalledWith(transaction);
    expect(done).toHaveBeenCalled();

    discard.mockClear();
    onResponse()({}, {}, done);
    expect(discard).not.toHaveBeenCalled();
  });
});
