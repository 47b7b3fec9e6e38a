import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
/**
 * Connections of their own for callers that count round trips (PostgreSQL only): the registration write
 * path and the outbox relay. On a postgres.js client with one connection, statements go out in the order
 * they are issued and need not wait for one another, so a transaction's BEGIN, lock and first read travel
 * together, and so do its last write and COMMIT.
 */
const dialect = new PgDialect();
/** No answer within this long (after the connection reset mid-batch, for instance): give the connection up. */
export class DeadlineExceeded extends Error {
    // Classified like a socket timeout: the caller gets 503, and retries.
    code = 'ETIMEDOUT';
}
/** postgres.js writes a message of this many bytes or more to the socket at once (see `script`). */
const WRITE_AT_ONCE = 1024;
/** One connection (postgres.js with max 1, opened on first use): statements are sent the moment they are issued. */
export class SoloConnection {
    connect;
    deadlineMs;
    client;
    /** Statements prepared on the current session (see `script`). */
    prepared = new Set();
    sessions = 0;
    /** `connect` gets a callback for the client's `onclose` option: the session (and its locks) ended. */
    constructor(connect, deadlineMs) {
        this.connect = connect;
        this.deadlineMs = deadlineMs;
    }
    /**
     * Changes whenever the database session may have changed: a session-scoped lock taken while it had one
     * value is held only while it still has it (postgres.js reconnects on its own, without the locks).
     */
    get generation() {
        return this.sessions;
    }
    /** Parameterless text on the simple protocol; resolves to the rows (an array of row arrays for several statements). */
    text(query) {
        return this.issue((client) => client.unsafe(query));
    }
    /** A drizzle `sql` statement, as a named prepared statement when it has parameters. */
    send(query) {
        const { sql: text, params } = dialect.sqlToQuery(query);
        return this.issue((client) => client.unsafe(text, params, params.length > 0 ? { prepare: true } : {}));
    }
    /**
     * See `PipelinePool.script`. The text goes to the socket at once: postgres.js holds a write under 1 KiB
     * until its own setImmediate, and a grouped script is issued from a setImmediate callback, so that write
     * would wait a whole extra turn of the event loop. Trailing spaces bring the message to 1 KiB, which
     * postgres.js writes at once.
     */
    async script(statements, retried = false) {
        // A grouped script can hold the same statement more than once: prepare each name once.
        const byName = new Map();
        for (const s of statements)
            if (typeof s !== 'string' && !this.prepared.has(s.name))
                byName.set(s.name, s);
        const unprepared = [...byName.values()];
        const text = [
            ...unprepared.map((s) => s.prepare),
            ...statements.map((s) => (typeof s === 'string' ? s : s.execute)),
        ].join(';\n');
        let result;
        try {
            result = await this.text(text.padEnd(WRITE_AT_ONCE));
        }
        catch (error) {
            // postgres.js reconnects on its own, and a new session has none of our prepared statements.
            if (retried || error.code !== '26000')
                throw error;
            this.prepared.clear();
            return this.script(statements, true);
        }
        for (const s of unprepared)
            this.prepared.add(s.name);
        // postgres.js starts a result at each row description, so the PREPAREs share one leading result and
        // a statement that returns no rows would merge into the one before it.
        const leading = unprepared.length > 0 ? 1 : 0;
        const expected = leading + statements.length;
        const results = expected === 1 ? [result] : result;
        if (results.length !== expected)
            throw new Error(`a script statement returned no rows description (${results.length} of ${expected} results)`);
        return results.slice(leading);
    }
    async close() {
        await this.client?.end({ timeout: 5 });
    }
    issue(start) {
        const client = (this.client ??= this.connect(() => {
            this.sessions += 1;
        }));
        // execute() hands the statement to the connection now, behind everything issued before it.
        const pending = start(client).execute();
        let timer;
        const deadline = new Promise((_, reject) => {
            timer = setTimeout(() => {
                // A statement that never settles would hold this connection for good: start afresh.
                if (this.client === client) {
                    this.client = undefined;
                    this.prepared.clear();
                    this.sessions += 1;
                }
                void client.end({ timeout: 0 }).catch(() => undefined);
                reject(new DeadlineExceeded(`no answer from the database within ${this.deadlineMs} ms`));
            }, this.deadlineMs);
        });
        return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
    }
}
/** Leases connections to one caller at a time; at most `size` are open. */
export class PipelinePool {
    size;
    open;
    idle = [];
    all = [];
    waiting = [];
    group;
    constructor(size, open) {
        this.size = size;
        this.open = open;
    }
    /**
     * Runs `body` in a transaction whose BEGIN travels with the body's first statements. The transaction
     * commits only through `commitWith`; a body that returns without calling it wrote nothing and is rolled
     * back, and so is one that throws. Neither rollback is waited for: the connection's next user queues
     * behind it.
     */
    async transaction(body) {
        const connection = await this.lease();
        const token = randomUUID();
        // The token is a UUID, so inlining it is safe; set_config(…, true) scopes it to this transaction.
        const begun = connection.text(`begin; select set_config('schemata.tx', '${token}', true)`);
        begun.catch(() => undefined); // awaited below; a failure also fails every statement behind it
        let ended = false;
        const tx = {
            send: (query) => {
                if (ended)
                    throw new Error('the pipelined transaction has ended');
                return connection.send(query);
            },
            fence: sql `current_setting('schemata.tx', true) = ${token}`,
            commitWith: async (query, ...after) => {
                if (ended)
                    throw new Error('the pipelined transaction has ended');
                ended = true;
                const [rows, ...rest] = await Promise.allSettled([
                    connection.send(query),
                    ...after.map((statement) => connection.send(statement)),
                    connection.text('commit'),
                    begun,
                ]);
                if (rows.status === 'rejected')
                    throw rows.reason;
                const failed = rest.find((result) => result.status === 'rejected');
                if (failed !== undefined)
                    throw failed.reason;
                const afterRows = rest
                    .slice(0, after.length)
                    .map((result) => (result.status === 'fulfilled' ? result.value : []));
                return { rows: rows.value, after: afterRows };
            },
        };
        try {
            const result = await body(tx);
            await begun;
            return result;
        }
        finally {
            if (!ended)
                connection.text('rollback').catch(() => undefined);
            this.release(connection);
        }
    }
    /**
     * Sends `statements` as one simple query: one socket write, one round trip and one implicit transaction.
     * Each statement must return rows (a `select`, or a write with `returning`), even if none.
     * A failure anywhere rolls all of it back, transaction-scoped locks are held to its end, and in READ
     * COMMITTED each statement reads a snapshot taken when it starts. A prepared statement is parsed and
     * planned once per connection. Resolves to each statement's rows.
     */
    async script(statements) {
        const connection = await this.lease();
        try {
            return await connection.script(statements);
        }
        finally {
            this.release(connection);
        }
    }
    /**
     * Like `script`, for scripts that may share one transaction with others (group commit): every grouped
     * script handed in during the same turn of the event loop goes out as one simple query — one socket write,
     * one commit — instead of one each. The group takes every member's lock first, in `order` (so any two
     * groups take shared locks in the same order and never deadlock), then runs every member's statements in
     * that order, then every member's `last` statements. A script must not depend on the ones before it, whose
     * effects it sees. A failed group wrote nothing: after a statement error each member runs again on its
     * own (one member's error is never another's); after a lost session every member fails with it.
     * Resolves to the rows of the member's `statements`, then of its `last` statements.
     */
    groupScript(script) {
        return new Promise((resolve, reject) => {
            if (this.group === undefined) {
                this.group = [];
                setImmediate(() => void this.sendGroup());
            }
            this.group.push({ ...script, resolve, reject });
        });
    }
    async close() {
        await Promise.all(this.all.map((connection) => connection.close()));
    }
    async sendGroup() {
        const members = this.group ?? [];
        this.group = undefined;
        if (members.length > 1) {
            members.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
            try {
                const results = await this.script([
                    ...members.map((member) => member.lock),
                    ...members.flatMap((member) => member.statements),
                    ...members.flatMap((member) => member.last),
                ]);
                let at = members.length;
                let lastAt = at + members.reduce((n, member) => n + member.statements.length, 0);
                for (const member of members) {
                    member.resolve([
                        ...results.slice(at, at + member.statements.length),
                        ...results.slice(lastAt, lastAt + member.last.length),
                    ]);
                    at += member.statements.length;
                    lastAt += member.last.length;
                }
                return;
            }
            catch (error) {
                // A statement failed and rolled the group back: let each member succeed or fail on its own. Lost
                // contact with the database is every member's failure (the clients retry; a re-run would only wait
                // out a second deadline).
                if (!statementFailed(error)) {
                    for (const member of members)
                        member.reject(error);
                    return;
                }
            }
        }
        await Promise.all(members.map((member) => this.script([member.lock, ...member.statements, ...member.last]).then((results) => member.resolve(results.slice(1)), member.reject)));
    }
    async lease() {
        const free = this.idle.pop();
        if (free !== undefined)
            return free;
        if (this.all.length < this.size) {
            const connection = this.open();
            this.all.push(connection);
            return connection;
        }
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    release(connection) {
        const next = this.waiting.shift();
        if (next !== undefined)
            next(connection);
        else
            this.idle.push(connection);
    }
}
/** An error a statement raised (SQLSTATE, severity ERROR), as opposed to a lost or ended session. */
function statementFailed(error) {
    return error?.severity === 'ERROR';
}
