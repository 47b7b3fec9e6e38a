import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';

const dialect = new PgDialect();

/**
 * One connection reserved from the pool, for the one caller whose state lives in its database session (the
 * outbox relay holds a session-scoped advisory lock and a session setting). It is reserved on first use and
 * kept; once it fails other than by a statement's own error, it is given up and the next use reserves
 * another, so `generation` changes whenever the session may have changed and whatever it held is gone.
 */
export class ReservedSession {
  private reserved: Promise<postgres.ReservedSql> | undefined;
  private sessions = 0;
  private closed = false;

  constructor(private readonly client: postgres.Sql) {}

  /** Changes whenever the session may have changed: a lock taken under one value is held only while it lasts. */
  get generation(): number {
    return this.sessions;
  }

  /** Runs one statement (parameters bound, prepared once per session); resolves to its rows. */
  async rows<T>(query: SQL): Promise<T[]> {
    if (this.closed) throw new Error('the reserved session is closed');
    const pending = (this.reserved ??= this.client.reserve());
    let reserved: postgres.ReservedSql;
    try {
      reserved = await pending;
    } catch (error) {
      this.lost(pending);
      throw error;
    }
    const { sql: text, params } = dialect.sqlToQuery(query);
    try {
      return (await reserved.unsafe(text, params as never[], { prepare: params.length > 0 })) as T[];
    } catch (error) {
      if ((error as { severity?: unknown }).severity !== 'ERROR') this.lost(pending);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.release(this.reserved);
  }

  private lost(pending: Promise<postgres.ReservedSql>): void {
    if (this.reserved !== pending) return;
    this.reserved = undefined;
    this.sessions += 1;
    void this.release(pending);
  }

  /**
   * Hands the connection back to the pool without the session's lock and setting, since a statement that
   * timed out may have left it alive. When that fails the connection is gone (postgres.js drops a closed
   * connection from the pool, lease or not) or broken, and it is not handed back.
   */
  private async release(pending: Promise<postgres.ReservedSql> | undefined): Promise<void> {
    const reserved = await pending?.catch(() => undefined);
    if (reserved === undefined) return;
    try {
      await reserved.unsafe('select pg_advisory_unlock_all()');
      await reserved.unsafe('reset synchronous_commit');
    } catch {
      return;
    }
    reserved.release();
  }
}
