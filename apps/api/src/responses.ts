// OpenAPI response declarations the route modules share: problem+json errors, JSON and binary bodies.
import { z } from '@hono/zod-openapi';
import { Problem } from './problem.ts';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

/** The error responses every /v1 route can give. */
export const problems = {
  400: problem('invalid input'),
  404: problem('no such resource'),
  409: problem('conflict'),
};

/**
 * @example
 * responses: { 200: json(Run, 'the run'), ...problems }
 */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A streamed file body. */
export const binary = (description: string, type = 'application/octet-stream') => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});
