// RFC 9457 problem details: the one error shape of the API. Handlers throw `ProblemError`; the
// app's error handler and the validation hook turn everything into application/problem+json.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

export const FieldError = z
  .object({
    path: z.string().openapi({ example: 'stages.1.lr' }),
    message: z.string(),
    in: z.enum(['body', 'query', 'path', 'header']).optional(),
  })
  .openapi('FieldError');

export const Problem = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Bad Request' }),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .passthrough()
  .openapi('Problem');

export type FieldError = z.infer<typeof FieldError>;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error the client can act on; thrown from handlers, rendered as problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly extra: { errors?: FieldError[]; [k: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/**
 * @example
 * throw notFound('run', id); // 404 "run 7f… does not exist"
 */
export function notFound(resource: string, id: string): ProblemError {
  return new ProblemError(404, `${resource} ${id} does not exist`, { resource, id });
}

/**
 * @example
 * throw badRequest('limit must be at most 500', [{ path: 'limit', message: '…', in: 'query' }]);
 */
export function badRequest(detail: string, errors?: FieldError[]): ProblemError {
  return new ProblemError(400, detail, errors ? { errors } : {});
}

/**
 * A problem+json response.
 *
 * @example
 * return problemResponse(c, 404, 'run 7f… does not exist');
 */
export function problemResponse(
  c: Context,
  status: number,
  detail: string,
  extra: Record<string, unknown> = {},
): Response {
  const body = {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    ...extra,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

const TARGETS: Record<string, FieldError['in']> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
};

/** The OpenAPIHono validation hook: a failed zod parse becomes 400 with one entry per bad field. */
export function validationHook(
  result: { success: boolean; target: string; error?: unknown },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const issues = (result.error as z.ZodError).issues ?? [];
  const where = TARGETS[result.target] ?? 'body';
  const errors: FieldError[] = issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
    in: where,
  }));
  const first = errors[0];
  return problemResponse(
    c,
    400,
    first ? `invalid ${where}: ${first.path}: ${first.message}` : `invalid ${where}`,
    { errors },
  );
}
