import underPressure from '@fastify/under-pressure';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '@coopera/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { poolOf } from '../database/pool';

/** Overload passes in seconds: a client that waits this long finds the queue gone. */
export const SHED_RETRY_AFTER_SECONDS = 2;
/** How often the event-loop lag is sampled (its mean over this window is what is compared). */
const LAG_SAMPLE_MS = 1_000;
/**
 * A loop kept busy with no more requests than this in progress is one heavy request (an export)
 * and another one, not overload: they are served. Measured with 2,000 connections at once on two
 * busy cores: sparing 2 left every connection answered within 2.6 s (p99), sparing 5 within 6.7 s,
 * sparing 20 left 851 unanswered after 10 s.
 */
const BUSY_LOOP_SPARED_IN_FLIGHT = 2;

/**
 * Past saturation the API answers at once "503, retry in 2 s" rather than queueing requests until
 * clients and load balancers time out: while more requests wait for a database connection than
 * `maxPoolWaiting` (the database is the bottleneck: a new request would only wait longer), when
 * more API requests are in progress than `maxInFlightRequests`, while the event loop lags more
 * than `maxEventLoopDelayMs`, and while it was busy more than `maxEventLoopUtilizationPercent` of
 * the last second with more than two requests in progress (@fastify/under-pressure). The health
 * probes are never shed: an overloaded instance is alive, and says so.
 *
 * The last rule is what keeps a burst of new connections from waiting: Node accepts one new
 * connection per turn of its event loop, and a turn serves every request already admitted first.
 * With no CPU to spare, admitted clients that ask again at once would keep the loop's turns long
 * and thousands of connections waiting in the kernel's queue past their clients' patience
 * (measured: 2,000 connections at once on two busy cores, 372 left unanswered after 10 s).
 * Refusing while the loop is saturated makes its turns short, so the queue drains.
 */
export async function registerLoadShedding(
  app: NestFastifyApplication,
  config: Pick<AppConfig, 'maxInFlightRequests' | 'maxPoolWaiting' | 'maxEventLoopDelayMs' | 'maxEventLoopUtilizationPercent'>,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const dataSource = app.get(DataSource);
  let inFlight = 0;
  // One log line a second at most: under overload, a line per refused request would add to it.
  let shedSinceLog = 0;
  let lastLog = 0;
  const shed = (request: FastifyRequest, reply: FastifyReply, detail: string): void => {
    shedSinceLog++;
    if (Date.now() - lastLog >= 1_000) {
      request.log.warn(`Load shedding: ${shedSinceLog} requests answered 503 since the last report (${detail})`);
      shedSinceLog = 0;
      lastLog = Date.now();
    }
    const problem: ProblemDetails = { type: 'about:blank', title: 'Service Unavailable', status: 503, detail, instance: request.url.split('?')[0] };
    void reply.status(503).header('retry-after', SHED_RETRY_AFTER_SECONDS).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!sheddable(request)) return done();
    const waiting = poolWaiting(dataSource);
    if (inFlight >= config.maxInFlightRequests || waiting >= config.maxPoolWaiting) {
      shed(request, reply, `The server is busy (${inFlight} requests in progress, ${waiting} waiting for the database): retry in ${SHED_RETRY_AFTER_SECONDS} seconds.`);
      return; // answered: the request goes no further
    }
    inFlight++;
    // 'close' ends every response: after the answer is sent, or when the client goes away first.
    reply.raw.once('close', () => inFlight--);
    done();
  });

  if (config.maxEventLoopDelayMs > 0 || config.maxEventLoopUtilizationPercent > 0) {
    // The first samples cover the start itself (modules, the OpenAPI document, migrations), which
    // lags the loop by seconds on a busy machine: that is not overload, so it is not held against
    // the first requests.
    let measuringSince = Number.POSITIVE_INFINITY;
    fastify.addHook('onReady', (done) => {
      measuringSince = Date.now() + 2 * LAG_SAMPLE_MS;
      done();
    });
    await app.register(underPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      maxEventLoopUtilization: config.maxEventLoopUtilizationPercent / 100,
      // The share of the last sample interval, not of the time since the start.
      eventLoopUtilizationMode: 'interval',
      sampleInterval: LAG_SAMPLE_MS,
      retryAfter: SHED_RETRY_AFTER_SECONDS,
      pressureHandler: (request, reply, type, value) => {
        // Returning without answering lets the request through.
        if (!sheddable(request) || Date.now() < measuringSince) return;
        if (type === 'eventLoopUtilization') {
          if (inFlight <= BUSY_LOOP_SPARED_IN_FLIGHT) return;
          shed(request, reply, `The server is overloaded (busy ${Math.round((value ?? 0) * 100)} % of the last second): retry in ${SHED_RETRY_AFTER_SECONDS} seconds.`);
          return;
        }
        shed(request, reply, `The server is overloaded (event loop ${Math.round(value ?? 0)} ms behind): retry in ${SHED_RETRY_AFTER_SECONDS} seconds.`);
      },
    });
  }
}

/** API requests; not the health probes, nor the web app's static files. */
function sheddable(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/') && path !== '/api/health' && !path.startsWith('/api/health/');
}

/** Requests waiting for a connection of the pool (node-postgres's `waitingCount`). */
function poolWaiting(dataSource: DataSource): number {
  return poolOf(dataSource).waitingCount;
}
