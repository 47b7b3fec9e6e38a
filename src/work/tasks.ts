import {
  checkCompatibility,
  checkPair,
  type CheckLimits,
  type ComparableSchema,
  type CompatibilityLevel,
  type CompatibilityPolicy,
  type CompatibilityResult,
  type Direction,
  type ExistingVersion,
} from '../domain/compatibility/index.ts';
import { DomainError, type DomainErrorKind } from '../domain/errors.ts';
import type { SchemaLimits } from '../domain/schema/json/limits.ts';
import { parseSchema, type ParsedSchema, type SchemaInput } from '../domain/schema/json/parseSchema.ts';

/**
 * The heavy calls that run in the work pool's threads, each a pure domain call on plain data (what crosses
 * a thread is structured-cloned). Type-neutral: each dispatches on `schemaType` inside the domain, so a new
 * schema type's parser and engine run here without a new task.
 */
export interface Tasks {
  parse(input: {
    body: SchemaInput;
    resolved: ReadonlyMap<string, unknown>;
    normalize: boolean;
    limits: SchemaLimits;
  }): ParsedSchema;
  checkSubject(input: {
    level: CompatibilityLevel;
    proposed: ComparableSchema;
    existing: readonly ExistingVersion[];
    policy: CompatibilityPolicy;
    limits: CheckLimits;
  }): CompatibilityResult;
  checkPair(input: {
    proposed: ComparableSchema;
    existing: ExistingVersion;
    directions: readonly Direction[];
    policy: CompatibilityPolicy;
    limits: CheckLimits;
  }): CompatibilityResult;
}

export type TaskName = keyof Tasks;
export type TaskInput<T extends TaskName> = Parameters<Tasks[T]>[0];
export type TaskOutput<T extends TaskName> = ReturnType<Tasks[T]>;

export const TASKS: Tasks = {
  parse: ({ body, resolved, normalize, limits }) => parseSchema(body, resolved, { normalize, limits }),
  checkSubject: ({ level, proposed, existing, policy, limits }) =>
    checkCompatibility(level, proposed, existing, policy, limits),
  checkPair: ({ proposed, existing, directions, policy, limits }) =>
    checkPair(proposed, existing, directions, policy, limits),
};

/** What a task answers across the thread: its value, or the domain error it threw (classes do not cross). */
export type Outcome<T> =
  { ok: T } | { error: { kind: DomainErrorKind; message: string; extra?: Record<string, unknown> } };

/** Runs a task, turning a DomainError into data; anything else is a fault and is rethrown. */
export function runTask<T extends TaskName>(name: T, input: TaskInput<T>): Outcome<TaskOutput<T>> {
  try {
    const task = TASKS[name] as (input: TaskInput<T>) => TaskOutput<T>;
    return { ok: task(input) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return {
      error: {
        kind: error.kind,
        message: error.message,
        ...(error.extra === undefined ? {} : { extra: error.extra }),
      },
    };
  }
}
