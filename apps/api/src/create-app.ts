import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import { DOCUMENT_LIMITS, PROBLEM_CONTENT_TYPE } from '@coopera/domain';
import { AppModule } from './app.module';
import { documentCommonAnswers } from './common/openapi-document';
import { jsonBodyParser } from './common/json-body';
import { toProblem } from './common/problem';
import { registerLoadShedding } from './common/load-shedding';
import { answerProblem, ProblemDetailsFilter } from './common/problem.filter';
import { registerSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { Db } from './database/db-context';
import { registerRequestTransactions } from './database/request-transactions';
import { PinoNestLogger } from './logging/logger';
import { serveWebApp } from './web/serve-web-app';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the whole HTTP application, ready to listen: used by `main.ts` and by the e2e tests. */
export async function createApp(config: AppConfig, appUrl: string, logger: Logger): Promise<NestFastifyApplication> {
  const fastifyOptions: FastifyServerOptions = {
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // On shutdown, idle keep-alive sockets close at once; in-flight requests are let finish.
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    trustProxy: config.production,
    // Errors of Fastify's router (a path that is not valid percent-encoding) are problem+json too.
    frameworkErrors: (error, request, reply) => sendFrameworkError(error, request.url, reply as FastifyReply),
  };
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, appUrl),
    new FastifyAdapter(fastifyOptions),
    { logger: new PinoNestLogger(logger), abortOnError: false },
  );
  // The API speaks JSON only: any other body is a 415, not a string for the validators to puzzle over.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, jsonBodyParser(app.getHttpAdapter().getInstance()));
  app.setGlobalPrefix('api');
  // First of the request hooks: a shed request costs no parsing, no token check, no connection.
  await registerLoadShedding(app, config);
  app.useGlobalPipes(createValidationPipe());

  await app.register(cookie);
  // Uploads stream to disk (documents); past the size limit the stream fails with a 413.
  await app.register(multipart, {
    limits: { fileSize: DOCUMENT_LIMITS.maxBytes, files: 1, fields: 4, fieldSize: 4096, parts: 5, headerPairs: 50 },
  });
  registerSecurityHeaders(app.getHttpAdapter().getInstance(), config.production);
  registerRequestTransactions(app.getHttpAdapter().getInstance(), app.get(Db), answerProblem);

  app.useGlobalFilters(new ProblemDetailsFilter(await serveWebApp(app, config.webDir)));
  setUpOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function setUpOpenApi(app: NestFastifyApplication): void {
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Coopera API')
      .setDescription(
        'API of Coopera, the portal of the coordination of Sicilian Comuni in the SAI network. ' +
          'Errors are application/problem+json (RFC 9457).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  const document = documentCommonAnswers(generated);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
}

function sendFrameworkError(error: FastifyError, url: string, reply: FastifyReply): void {
  const problem = toProblem(error, url.split('?')[0]);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
