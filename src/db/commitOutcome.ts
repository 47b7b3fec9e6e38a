import type postgres from 'postgres';

/**
 * The postgres.js client as drizzle gets it, with two changes. A transaction whose COMMIT went out but got
 * no answer fails with `CommitOutcomeUnknown`: the write may or may not have landed, and the caller must be
 * told so. And statements with parameters are prepared: drizzle sends every query unprepared, which
 * postgres.js answers with a Parse/Describe round trip before the Bind/Execute one; a named statement is
 * described once per connection and then costs one round trip.
 */
export function withCommitOutcome(client: postgres.Sql, use: PoolUse): postgres.Sql {
  const begin = (...args: [TransactionBody] | [string, TransactionBody]): Promise<unknown> => {
    const [mode, body] = args.length === 1 ? ['', args[0]] : args;
    let committing = false;
    use.transactionsOpen += 1;
    return client
      .begin(mode, async (tx) => {
        const value: unknown = await body(prepared(tx));
        committing = true;
        return value;
      })
      .catch((error: unknown) => {
        throw committing && !answeredByServer(error) ? new CommitOutcomeUnknown(error) : error;
      })
      .finally(() => {
        use.transactionsOpen -= 1;
      });
  };
  const prepare = preparedUnsafe(client);
  // Counted for /metrics. postgres.js runs a query when it is first awaited, a microtask later, so
  // drizzle's `.values()` right after this call still applies.
  const unsafe = ((...args: Parameters<postgres.Sql['unsafe']>) => {
    const query = prepare(...args);
    use.queriesInFlight += 1;
    const answered = () => void (use.queriesInFlight -= 1);
    query.then(answered, answered);
    return query;
  }) as postgres.Sql['unsafe'];
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === 'begin' ? begin : key === 'unsafe' ? unsafe : (Reflect.get(target, key, receiver) as unknown),
  });
}

/** The COMMIT of a transaction went out and no answer came back (the connection was lost or timed out). */
export class CommitOutcomeUnknown extends Error {
  readonly code = 'COMMIT_OUTCOME_UNKNOWN';
  constructor(cause: unknown) {
    super('The database did not answer the commit: the write may or may not have been applied.', { cause });
    this.name = 'CommitOutcomeUnknown';
  }
}

/** What the pool is doing, as far as the driver lets us count it (for /metrics). */
export interface PoolUse {
  queriesInFlight: number;
  transactionsOpen: number;
}

type TransactionSql = postgres.TransactionSql;
type TransactionBody = (sql: TransactionSql) => unknown;

/** The server said what happened: it raised an error, or answered COMMIT with a rollback. */
function answeredByServer(error: unknown): boolean {
  const { severity, code } = (error ?? {}) as { severity?: unknown; code?: unknown };
  return severity === 'ERROR' || code === 'TRANSACTION_ROLLED_BACK';
}

function prepared(tx: TransactionSql): TransactionSql {
  const unsafe = preparedUnsafe(tx);
  return new Proxy(tx, {
    get(target, key, receiver) {
      if (key === 'unsafe') return unsafe;
      // drizzle's nested transactions run on a savepoint's handle: prepare its statements too.
      if (key === 'savepoint')
        return (body: TransactionBody) => target.savepoint((inner) => body(prepared(inner)));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function preparedUnsafe(client: postgres.Sql | TransactionSql): postgres.Sql['unsafe'] {
  return ((text: string, params?: unknown[], options?: Record<string, unknown>) =>
    client.unsafe(
      text,
      params as never,
      params !== undefined && params.length > 0 ? { ...options, prepare: true } : (options as never),
    )) as postgres.Sql['unsafe'];
}
