// Every route is declared once, as data: method, path, roles, zod schemas, responses and handler.
// `mountRoutes` turns the list into Express handlers *and* the OpenAPI document, so validation,
// authentication, scoping and documentation cannot drift apart.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { UpdateDefinition } from '@temporalio/client';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { ActorRef } from '../domain/contracts/actor';
import { writeAudit } from '../store/audit';
import type { Actor, Role } from '../domain/roles';
import { authorise, type ScopeTarget } from '../domain/scope';
import type { RecordScope } from './record-scope';
import { actorRef } from './actor-ref';
import { denialProblem, verifyBearer } from './auth';
import type { Deps } from './deps';
import { idempotent } from './idempotency';
import type { ProcessWaits } from './process-waits';
import { problems, type Problem } from './problem';
import { ProblemSchema, Uuid } from './schemas';
import { timedPhase } from './server-timing';
import { parseOr400 } from './validate';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;

export interface RouteContext<B, P, Q> {
  req: Request;
  res: Response;
  deps: Deps;
  requestId: string;
  /** Set on every route that is not public. */
  actor: Actor;
  body: B;
  params: P;
  query: Q;
  /** The scoping rule (domain/scope.ts): resolves to the role acted under, or throws an audited 403. */
  authorise(target: ScopeTarget): Promise<Role>;
  /** The same rule for a list (api/record-scope.ts): the query for the rows the actor may read under the route's roles. */
  visible<W>(scope: Pick<RecordScope<never, W>, 'where'>): W;
  /** Refuses with an audited 403, for a rule of its own (e.g. who may read a complaint). */
  deny(detail: string): Promise<never>;
}

export interface RouteSpec<
  B extends Schema | undefined = any,
  P extends Schema | undefined = any,
  Q extends Schema | undefined = any,
> {
  method: Method;
  /** OpenAPI-style path: `/api/sanctions/{id}`. */
  path: string;
  summary: string;
  tags: string[];
  auth: 'public' | readonly Role[];
  body?: B;
  params?: P;
  query?: Q;
  /** Documents the `Idempotency-Key` header the route honours. */
  idempotent?: boolean;
  /** A binary upload instead of a JSON body: allowed content types and size (else 415 / 413). */
  upload?: { types: readonly string[]; maxBytes: number };
  responses: Record<number, { description: string; schema?: Schema }>;
  handler(ctx: RouteContext<Infer<B>, Infer<P>, Infer<Q>>): Promise<RouteAnswer>;
}

export interface RouteAnswer {
  status: number;
  body?: unknown;
  /** A file to send instead of JSON. */
  file?: { contentType: string; fileName: string; data: Uint8Array; inline?: boolean };
}

export function defineRoute<B extends Schema | undefined, P extends Schema | undefined, Q extends Schema | undefined>(
  spec: RouteSpec<B, P, Q>,
): RouteSpec<B, P, Q> {
  return spec;
}

/** Who acts, and in which request: what every Update's argument carries. */
export interface Acting {
  actor: ActorRef;
  requestId: string;
}

/** An Update route acts on one record, named by the path's `{id}`. */
type UpdateContext<B> = RouteContext<B, { id: string }, unknown>;

/** A kind of record whose process takes Workflow Updates: how a route finds it, checks the actor, and answers. */
export interface UpdateTarget<T, R = unknown> {
  tags: string[];
  /** The success answer's documentation (its status is the route's). */
  answer: { description: string; schema?: Schema };
  /** The refusals documented for every Update on this kind of record (404, 409). */
  refusals: Record<number, { description: string }>;
  /** The record (else 404) and the role the actor acts under on it (else an audited 403, `ctx.authorise`). */
  load(ctx: UpdateContext<unknown>): Promise<{ record: T; role: Role }>;
  /** What the request names besides its body: the same Idempotency-Key on another record is another request (422). */
  names(record: T): object;
  workflowId(record: T): string;
  /** The answer's body once the Update is durable: the record read again, or the Update's result. */
  respond(ctx: UpdateContext<unknown>, record: T, result: R): Promise<unknown> | unknown;
}

/** What an Update answers. */
export type UpdateResult<U> = U extends UpdateDefinition<infer R, infer _Args> ? R : never;

/** Infers a target's record type from its `load`. */
export const updateTarget = <T, R = unknown>(target: UpdateTarget<T, R>): UpdateTarget<T, R> => target;

export interface UpdateRoute<B extends object, T, A, R> {
  path: string;
  summary: string;
  auth: readonly Role[];
  body: z.ZodType<B>;
  /** The success status: 200, or 201 where the Update files something new. */
  status?: number;
  update: UpdateDefinition<R, [A]>;
  /** The Update's argument. It may refuse first (RuleViolation, Problem): the refusal is the key's answer. */
  args(ctx: UpdateContext<B>, record: T, acting: Acting): A | Promise<A>;
}

/**
 * A POST that changes a process by a Workflow Update: load the record and authorise the actor (404,
 * audited 403), then once per Idempotency-Key run the Update on the record's workflow and answer when
 * it is durable. The Update's validator refuses what the process does not allow (409, 403, 400).
 */
export function workflowUpdateRoute<T, R, B extends object, A>(
  target: UpdateTarget<T, R>,
  route: UpdateRoute<B, T, A, R>,
) {
  const status = route.status ?? 200;
  return defineRoute({
    method: 'post',
    path: route.path,
    summary: route.summary,
    tags: target.tags,
    auth: route.auth,
    params: z.object({ id: Uuid }),
    body: route.body,
    idempotent: true,
    responses: { [status]: target.answer, ...target.refusals },
    handler: async (ctx) => {
      const { record, role } = await target.load(ctx);
      const acting: Acting = { actor: actorRef(ctx.actor, role), requestId: ctx.requestId };
      const body = { ...target.names(record), ...ctx.body };
      return idempotent(
        ctx.deps.db,
        ctx.req,
        { route: `POST ${route.path}`, actorId: ctx.actor.userId, body },
        async (claim) => {
          const arg = await route.args(ctx, record, acting);
          const handle = ctx.deps.temporal.workflow.getHandle(target.workflowId(record));
          const result = await timedPhase(ctx.res, 'update', () =>
            handle.executeUpdate(route.update, { updateId: claim.key, args: [arg] }),
          );
          return { status, body: await target.respond(ctx, record, result) };
        },
      );
    },
  });
}

const expressPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

async function auditDenial(deps: Deps, req: Request, spec: RouteSpec, p: Problem, actor?: Actor) {
  await writeAudit(deps.db, {
    actorId: actor?.userId,
    actorRoles: actor?.roles,
    action: `${spec.method.toUpperCase()} ${spec.path}`,
    targetType: 'Route',
    targetId: req.originalUrl,
    outcome: 'DENIED',
    requestId: String(req.id),
    detail: { status: p.status, reason: p.message },
  });
}

function document(registry: OpenAPIRegistry, spec: RouteSpec): void {
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  });
  // Any route may find a dependency down (PostgreSQL; Temporal; for a signed-in one the OpenID provider).
  const responses: Record<number, object> = {
    400: problem('Invalid input'),
    503: problem('A dependency is unreachable: retry after the Retry-After seconds'),
  };
  if (spec.auth !== 'public')
    Object.assign(responses, { 401: problem('Not authenticated'), 403: problem('Out of scope') });
  for (const [status, r] of Object.entries(spec.responses)) {
    responses[Number(status)] = r.schema
      ? { description: r.description, content: { 'application/json': { schema: r.schema } } }
      : Number(status) >= 400
        ? problem(r.description)
        : { description: r.description };
  }
  registry.registerPath({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    description: spec.auth === 'public' ? 'Public.' : `Roles: ${spec.auth.join(', ')}.`,
    security: spec.auth === 'public' ? [] : [{ bearerAuth: [] }],
    request: {
      ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
      ...(spec.idempotent ? { headers: z.object({ 'Idempotency-Key': z.string().min(8).max(128).optional() }) } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      ...(spec.upload
        ? {
            body: {
              content: Object.fromEntries(
                spec.upload.types.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }]),
              ),
              required: true,
            },
          }
        : {}),
    },
    responses,
  });
}

export function mountRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  deps: Deps,
  routes: readonly RouteSpec[],
  waits?: ProcessWaits,
): void {
  for (const spec of routes) {
    document(registry, spec);
    const upload = spec.upload;
    const raw = upload
      ? express.raw({
          type: (req) =>
            upload.types.includes(
              String(req.headers['content-type'] ?? '')
                .split(';')[0]
                .trim(),
            ),
          limit: upload.maxBytes,
        })
      : (_req: Request, _res: Response, next: () => void) => next();
    router[spec.method](expressPath(spec.path), raw, async (req: Request, res: Response) => {
      res.locals.route = spec.path;
      let actor: Actor | undefined;
      if (spec.auth !== 'public') {
        const result = await timedPhase(res, 'auth', () => verifyBearer(deps, req.headers.authorization));
        const p = !result ? problems.unauthenticated() : 'denial' in result ? denialProblem(result) : undefined;
        if (p) {
          // The identity provider being unreachable refuses nobody: a 503 to retry, not an audited
          // denial; why goes to the operators' log.
          if (p.status === 503)
            deps.logger.warn({ reason: (result as { reason: string }).reason }, 'identity provider unreachable');
          else await auditDenial(deps, req, spec, p);
          throw p;
        }
        actor = (result as { actor: Actor }).actor;
        res.locals.actor = actor;
        if (!spec.auth.some((r) => actor!.roles.includes(r))) {
          const denied = problems.forbidden(`this action needs one of the roles ${spec.auth.join(', ')}`);
          await auditDenial(deps, req, spec, denied, actor);
          throw denied;
        }
      }
      const roles = spec.auth === 'public' ? [] : spec.auth;
      const deny = async (detail: string): Promise<never> => {
        const denied = problems.forbidden(detail);
        await auditDenial(deps, req, spec, denied, actor);
        throw denied;
      };
      const ctx: RouteContext<unknown, unknown, unknown> = {
        req,
        res,
        deps,
        requestId: String(req.id),
        actor: actor as Actor,
        params: spec.params ? parseOr400(spec.params, req.params, 'params') : undefined,
        query: spec.query ? parseOr400(spec.query, req.query, 'query') : undefined,
        body: spec.body ? parseOr400(spec.body, req.body ?? {}, 'body') : undefined,
        async authorise(target) {
          const role = actor ? authorise(actor, roles, target) : null;
          if (role) return role;
          return deny('the target is outside your organisation or region');
        },
        visible: (scope) => scope.where(actor as Actor, roles),
        deny,
      };
      // A change waits for its process at most TEMPORAL_REQUEST_SECONDS: then 503, and the same
      // Idempotency-Key later finds the outcome (api/problem.ts). Meanwhile the wait is on the
      // operators' list (api/process-waits.ts).
      const end = spec.method === 'get' ? undefined : waits?.begin(`${spec.method.toUpperCase()} ${spec.path}`);
      let out: RouteAnswer;
      try {
        out = await deps.temporal.withDeadline(Date.now() + deps.config.TEMPORAL_REQUEST_SECONDS * 1000, () =>
          spec.handler(ctx as never),
        );
      } finally {
        end?.();
      }
      if (out.file) {
        res
          .status(out.status)
          .type(out.file.contentType)
          .setHeader(
            'Content-Disposition',
            `${out.file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(out.file.fileName)}`,
          )
          .send(Buffer.from(out.file.data));
      } else if (out.body === undefined) res.status(out.status).end();
      else res.status(out.status).json(out.body);
    });
  }
}
