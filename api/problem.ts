// RFC 9457 problem+json: every refusal has a stable `code`, a Chinese `title`, an English `detail`
// and, where a business rule refused, the `article` it applies. No stack traces or SQL ever leave.
import type { ErrorRequestHandler, Request, Response } from 'express';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Logger } from 'pino';
import { RuleViolation } from '../domain/errors';
import { DATA_ERROR, RULE_VIOLATION, STEP_FAILED } from '../domain/failure-types';
import { unavailableDependency } from '../infra/error-kind';

export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: {
      article?: string;
      errors?: FieldError[];
      reasons?: unknown[];
      /** An import's problems, row by row (api/routes/imports.ts). */
      rows?: unknown[];
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export const problems = {
  unauthenticated: (detail = 'a valid bearer token is required') =>
    new Problem(401, 'UNAUTHENTICATED', '未登录或令牌无效', detail),
  forbidden: (detail: string) => new Problem(403, 'OUT_OF_SCOPE', '无权在此范围内操作', detail),
  notFound: (what: string) => new Problem(404, 'NOT_FOUND', '资源不存在', `${what} was not found`),
  validation: (errors: FieldError[]) =>
    new Problem(400, 'VALIDATION_FAILED', '请求内容不合法', `invalid ${errors.map((e) => e.field).join(', ')}`, {
      errors,
    }),
  unavailable: (what: string) =>
    new Problem(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试', `${what} is unavailable; retry later`, {
      retryAfterSeconds: 5,
    }),
};

export type RefusalAudit = (req: Request, res: Response, p: Problem) => Promise<void>;

export function sendProblem(res: Response, p: Problem, instance: string, requestId?: string): void {
  if (p.extra.retryAfterSeconds) res.setHeader('Retry-After', String(p.extra.retryAfterSeconds));
  res
    .status(p.status)
    .type('application/problem+json')
    .json({
      type: `/problems/${p.code.toLowerCase().replace(/_/g, '-')}`,
      title: p.title,
      status: p.status,
      detail: p.message,
      code: p.code,
      ...(p.extra.article ? { article: p.extra.article } : {}),
      ...(p.extra.errors ? { errors: p.extra.errors } : {}),
      ...(p.extra.reasons ? { reasons: p.extra.reasons } : {}),
      ...(p.extra.rows ? { rows: p.extra.rows } : {}),
      instance,
      ...(requestId ? { requestId } : {}),
    });
}

function fromRuleViolation(v: {
  status: number;
  code: string;
  title: string;
  message: string;
  article?: string;
}): Problem {
  return new Problem(v.status, v.code, v.title, v.message, { article: v.article });
}

/** What a thrown error means for the client; undefined for an unexpected error (a 500). */
export function toProblem(err: any): Problem | undefined {
  if (err instanceof Problem) return err;
  if (err instanceof RuleViolation) return fromRuleViolation(err);
  const failure =
    err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause : undefined;
  if (failure?.type === DATA_ERROR) {
    return new Problem(
      422,
      'INVALID_DATA',
      '提交的内容无法保存，请检查后重新填写',
      'the database refused the data of this request; nothing was changed',
    );
  }
  if (failure?.type === STEP_FAILED) {
    return new Problem(503, 'STEP_FAILED', '办理未能完成，请稍后重新提交', `${failure.message}`, {
      retryAfterSeconds: 30,
    });
  }
  // The request stopped waiting (TEMPORAL_REQUEST_SECONDS); the process goes on and the same
  // Idempotency-Key later answers with its outcome.
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new Problem(
      503,
      'STILL_PROCESSING',
      '正在办理中，请稍后使用同一请求重试查看结果',
      'the process has not finished this request in time; retry with the same Idempotency-Key for its outcome',
      { retryAfterSeconds: 10 },
    );
  }
  if (failure?.type === RULE_VIOLATION) {
    const d = (failure.details?.[0] ?? {}) as { code?: string; title?: string; article?: string; status?: number };
    return fromRuleViolation({
      status: d.status ?? 409,
      code: d.code ?? 'RULE_VIOLATION',
      title: d.title ?? '业务规则不允许此操作',
      message: failure.message,
      article: d.article,
    });
  }
  if (err?.name === 'WorkflowNotFoundError' || err?.cause?.name === 'WorkflowNotFoundError') {
    return new Problem(409, 'PROCESS_CLOSED', '该事项已办结', 'the process has already finished');
  }
  if (
    err?.name === 'WorkflowExecutionAlreadyStartedError' ||
    err?.cause?.name === 'WorkflowExecutionAlreadyStartedError'
  ) {
    return new Problem(409, 'DUPLICATE_REQUEST', '该请求已办理', 'this request was handled already');
  }
  // Express could not decode a path parameter (%FF, an encoded lone surrogate): the address itself is bad.
  if (err instanceof URIError) return problems.validation([{ field: 'params', message: '请求地址含有无效的编码' }]);
  if (err?.type === 'entity.too.large')
    return new Problem(413, 'PAYLOAD_TOO_LARGE', '请求体过大', 'the request body is too large');
  if (err?.type === 'entity.parse.failed')
    return new Problem(400, 'INVALID_JSON', '请求体不是合法的 JSON', 'the request body is not valid JSON');
  if (err?.type === 'encoding.unsupported' || err?.status === 415) {
    return new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'unsupported content type or encoding');
  }
  const unavailable = unavailableDependency(err);
  return unavailable ? problems.unavailable(unavailable) : undefined;
}

export function problemHandler(logger: Logger, onRefusal?: RefusalAudit): ErrorRequestHandler {
  return async (err, req, res, _next) => {
    const instance = req.originalUrl;
    const requestId = String(req.id ?? '');
    const p = toProblem(err);
    if (!p || p.status >= 500) logger.error({ err, requestId }, 'request failed');
    // A signed-in user's refused change (400/409/422) is audited; 401/403 are audited where they arise.
    if (p && onRefusal && req.method !== 'GET' && [400, 409, 422].includes(p.status) && res.locals.actor) {
      await onRefusal(req, res, p).catch((e) => logger.error({ err: e, requestId }, 'refusal audit failed'));
    }
    sendProblem(
      res,
      p ?? new Problem(500, 'INTERNAL', '服务器内部错误', 'an unexpected error occurred'),
      instance,
      requestId,
    );
  };
}
