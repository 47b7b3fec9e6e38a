/**
 * A request header, read from Node's parsed headers when served by @hono/node-server: `c.req.header()`
 * builds a full Headers object per request, which costs the hot read paths about a fifth of their throughput.
 */
export function requestHeader(c, name) {
    const incoming = c.env?.incoming;
    if (incoming === undefined)
        return c.req.header(name);
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}
