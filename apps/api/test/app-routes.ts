import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DECORATORS } from '@nestjs/swagger';
import { ACCESS_RULE, AccessRule } from '../src/auth/access.decorator';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const WRITE_METHODS: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

type Constructor = new (...args: never[]) => unknown;

/** One route of the running app, as Nest knows it: what the fuzzer needs to aim at it. */
export interface AppRoute {
  /** `POST /api/v1/meetings/:id/convene`, as in test/routes.txt. */
  key: string;
  method: HttpMethod;
  path: string;
  rule: AccessRule | undefined;
  /** Names of the `:params` of the path, in order. */
  pathParams: string[];
  /** The DTO class of `@Body()`, or null when the handler takes no body. */
  body: Constructor | null;
  /** The DTO class of `@Query()`, or null. */
  query: Constructor | null;
  /** Media types of the body, as documented (`@ApiConsumes`): multipart for uploads. */
  consumes: string[];
}

interface RouteArg {
  index: number;
  data?: unknown;
}

/**
 * Every route of the app, read from Nest's own metadata , so that a
 * route added tomorrow shows up here without anyone listing it.
 */
export function listAppRoutes(app: NestFastifyApplication): AppRoute[] {
  const reflector = app.get(Reflector);
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Constructor | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype).filter((n) => n !== 'constructor')) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] as HttpMethod;
        const path = `/api/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/')}`;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArg>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as unknown[];
        const argOf = (kind: RouteParamtypes) =>
          Object.entries(args).filter(([key]) => key.split(':')[0] === String(kind)).map(([, arg]) => arg);
        const classOf = (kind: RouteParamtypes): Constructor | null => {
          const [arg] = argOf(kind);
          const type = arg ? types[arg.index] : undefined;
          return typeof type === 'function' && type !== Object ? (type as Constructor) : null;
        };
        routes.push({
          key: `${method} ${path}`,
          method,
          path,
          rule: reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, [handler, controller]),
          pathParams: [...path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''),
          body: classOf(RouteParamtypes.BODY),
          query: classOf(RouteParamtypes.QUERY),
          consumes: (Reflect.getMetadata(DECORATORS.API_CONSUMES, handler) as string[] | undefined) ?? ['application/json'],
        });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

export const isWriteRoute = (route: AppRoute): boolean => WRITE_METHODS.includes(route.method);
