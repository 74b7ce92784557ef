import type { FastifyInstance } from 'fastify';
import type { OpenedTransaction } from './db-context';
import { currentMetrics, currentTransaction } from './db-scope';
import { beginWithTokenCheck, FailureAnswer, keepOpened, registerRequestTransactions, takeOpened, transactionWanted } from './request-transactions';

type Hook = (...args: unknown[]) => void;

interface FakeReply {
  statusCode: number;
  headers: Record<string, string>;
  header(name: string, value: string): FakeReply;
  removeHeader(name: string): FakeReply;
}

function fakeReply(statusCode: number): FakeReply {
  const reply: FakeReply = {
    statusCode,
    headers: { 'content-disposition': 'attachment' },
    header: (name, value) => ((reply.headers[name.toLowerCase()] = value), reply),
    removeHeader: (name) => (delete reply.headers[name.toLowerCase()], reply),
  };
  return reply;
}

function setUp(close: (transaction: OpenedTransaction, commit: boolean) => Promise<void> = () => Promise.resolve()) {
  const hooks = new Map<string, Hook>();
  const fastify = { addHook: (name: string, hook: Hook) => hooks.set(name, hook) } as unknown as FastifyInstance;
  const db = { close: jest.fn(close), discard: jest.fn(() => Promise.resolve()) };
  const failureAnswer = jest.fn<unknown, Parameters<FailureAnswer>>((_error, _request, reply) => {
    (reply as unknown as FakeReply).statusCode = 503;
    return { status: 503, title: 'Service Unavailable' };
  });
  registerRequestTransactions(fastify, db, failureAnswer);
  const hook = (name: string) => {
    const found = hooks.get(name);
    if (!found) throw new Error(`no ${name} hook`);
    return found;
  };
  /** The request's code from the preHandler hook on, as the handler would run. */
  const enter = <T>(request: object, work: () => T): T => {
    let result: T | undefined;
    hook('preHandler')(request, {}, () => (result = work()));
    return result as T;
  };
  const send = (request: object, reply: FakeReply, payload: unknown) =>
    new Promise<unknown>((resolve, reject) => hook('onSend')(request, reply, payload, (error: unknown, sent: unknown) => (error ? reject(error) : resolve(sent))));
  return { db, failureAnswer, hook, enter, send };
}

const transaction = { ended: false } as OpenedTransaction;

describe('request transactions', () => {
  it('hands the transaction the guard began to the request’s code, and to one taker only', async () => {
    const { enter } = setUp();
    const request = {};
    await enter(request, async () => {
      expect(transactionWanted(request)).toBe(false);
      beginWithTokenCheck(request);
      expect(transactionWanted(request)).toBe(true);
      expect(currentTransaction()).toBeNull();
      keepOpened(request, transaction);
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentTransaction()).toBe(transaction);
      expect(currentMetrics()).toEqual(expect.objectContaining({ queries: 0 }));
      expect(takeOpened(request)).toBe(transaction);
      expect(takeOpened(request)).toBeNull();
      expect(currentTransaction()).toBeNull();
    });
  });

  it('keeps concurrent requests apart', async () => {
    const { enter } = setUp();
    const [a, b] = [{}, {}];
    const transactionB = { ended: false } as OpenedTransaction;
    const seen = await Promise.all([
      enter(a, async () => (keepOpened(a, transaction), await new Promise((resolve) => setImmediate(resolve)), currentTransaction())),
      enter(b, async () => (keepOpened(b, transactionB), await new Promise((resolve) => setImmediate(resolve)), currentTransaction())),
    ]);
    expect(seen).toEqual([transaction, transactionB]);
  });

  it('commits before a success is written, and reports the statements in Server-Timing', async () => {
    const { db, enter, send } = setUp();
    const request = {};
    enter(request, () => keepOpened(request, transaction));
    const reply = fakeReply(201);
    await expect(send(request, reply, '{"id":1}')).resolves.toBe('{"id":1}');
    expect(db.close).toHaveBeenCalledWith(transaction, true);
    expect(reply.headers['server-timing']).toMatch(/^db;desc="\d+ queries";dur=/);
    expect(takeOpened(request)).toBeNull();
  });

  it('rolls back before an error is written', async () => {
    const { db, enter, send } = setUp();
    const request = {};
    enter(request, () => keepOpened(request, transaction));
    await expect(send(request, fakeReply(409), '{"status":409}')).resolves.toBe('{"status":409}');
    expect(db.close).toHaveBeenCalledWith(transaction, false);
  });

  it('answers the problem instead of the success when COMMIT fails', async () => {
    const failure = new Error('could not serialize access');
    const { enter, send, failureAnswer } = setUp(() => Promise.reject(failure));
    const request = {};
    enter(request, () => keepOpened(request, transaction));
    const reply = fakeReply(200);
    const sent = await send(request, reply, '{"ok":true}');
    expect(failureAnswer).toHaveBeenCalledWith(failure, request, reply);
    expect(JSON.parse(String(sent))).toEqual({ status: 503, title: 'Service Unavailable' });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-disposition']).toBeUndefined();
  });

  it('leaves answers without a transaction alone', async () => {
    const { db, enter, send } = setUp();
    const request = {};
    enter(request, () => undefined);
    const reply = fakeReply(200);
    await expect(send(request, reply, 'file')).resolves.toBe('file');
    await expect(send({}, reply, 'not a route')).resolves.toBe('not a route');
    expect(db.close).not.toHaveBeenCalled();
    expect(reply.headers['server-timing']).toBeUndefined();
  });

  it('rolls back, once the answer is gone, a transaction nothing ended', () => {
    const { db, enter, hook } = setUp();
    const untaken = {};
    enter(untaken, () => keepOpened(untaken, transaction));
    const done = jest.fn();
    hook('onResponse')(untaken, {}, done);
    expect(db.discard).toHaveBeenCalledWith(transaction);
    expect(done).toHaveBeenCalled();

    db.discard.mockClear();
    hook('onResponse')({}, {}, done);
    expect(db.discard).not.toHaveBeenCalled();
  });
});
