import { requestHeader } from "./headers.js";
const VENDOR_V1 = 'application/vnd.schemaregistry.v1+json';
const VENDOR = 'application/vnd.schemaregistry+json';
const JSON_TYPE = 'application/json';
/**
 * A JSON response in the media type the client prefers: the v1 vendor type by default, the plain vendor
 * type or application/json only when `Accept` asks for one of them and not for v1 (Confluent's order).
 */
export function respond(c, body, status = 200) {
    return new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': negotiate(requestHeader(c, 'accept')) },
    });
}
/** Like `respond` for a body that is already JSON text (a stored schema document, a pre-serialised cache entry). */
export function respondJsonText(c, text, status = 200) {
    return new Response(text, { status, headers: { 'content-type': negotiate(requestHeader(c, 'accept')) } });
}
export function negotiate(accept) {
    if (accept === undefined || accept === '' || accept.includes(VENDOR_V1))
        return VENDOR_V1;
    if (accept.includes(VENDOR))
        return VENDOR;
    if (accept.includes(JSON_TYPE))
        return JSON_TYPE;
    return VENDOR_V1;
}
