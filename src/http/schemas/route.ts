/**
 * Fastify-side helpers for routes declaring the schemas of ./index.ts: the validator of a route whose body its
 * service reads and checks, and a compile-time check that a response schema declares every key the service
 * returns (a key it lacks would be silently dropped from the answer by the serializer).
 */
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/**
 * The validator of a route whose body is read and checked by its service: a multipart form (src/http/
 * multipart.ts readForm, which the validator never sees) or JSON the service checks with its own schema and
 * messages (a step of a case, whose schema depends on the step). The parameters and the query are validated
 * as everywhere; the body is passed on as sent, and its declared schema documents what the service accepts.
 */
export function serviceChecksBody<S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  return route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route as unknown as FastifyRouteSchemaDef<z.ZodType>);
}

/** Every key path of a value ("clock.limits.due"), through arrays and nullables, to a depth of 6. */
type KeyPaths<T, Depth extends unknown[] = []> = Depth['length'] extends 6
  ? never
  : T extends Date
    ? never
    : T extends readonly (infer E)[]
      ? KeyPaths<E, Depth>
      : T extends object
        ? { [K in keyof T & string]-?: K | `${K}.${KeyPaths<NonNullable<T[K]>, [...Depth, 1]> & string}` }[keyof T & string]
        : never;

/** The key paths of `Value` the schema's answer does not declare (never when it declares them all). */
export type Undeclared<Schema extends z.ZodType, Value> = Exclude<KeyPaths<Value>, KeyPaths<z.output<Schema>>>;

/**
 * `true` when the schema declares every key the value has; otherwise the keys it lacks, which fails
 * `Assert` naming them: `type _ = Assert<Declares<typeof caseDetail, Awaited<ReturnType<typeof getApplication>>>>`.
 */
export type Declares<Schema extends z.ZodType, Value> = [Undeclared<Schema, Value>] extends [never] ? true : { undeclared: Undeclared<Schema, Value> };
export type Assert<T extends true> = T;
