/** JSON value helpers: canonical text (key order irrelevant, 1 ≡ 1.0), equality, pointers. */
/** JSON text of a string; skips JSON.stringify's call overhead when nothing needs escaping. */
export function quote(s) {
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        // Control characters, quote, backslash and (possibly lone) surrogates: let JSON.stringify decide.
        if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff))
            return JSON.stringify(s);
    }
    return `"${s}"`;
}
/**
 * The keys of an object in canonical order (code-unit order, as `Array.prototype.sort` compares them).
 * Schema objects mostly have a handful of keys, where an insertion sort beats the generic sort's setup.
 */
export function sortedKeys(value) {
    const keys = Object.keys(value);
    if (keys.length > 12)
        return keys.sort();
    for (let i = 1; i < keys.length; i++) {
        const k = keys[i] ?? '';
        let j = i - 1;
        for (; j >= 0 && (keys[j] ?? '') > k; j--)
            keys[j + 1] = keys[j] ?? '';
        keys[j + 1] = k;
    }
    return keys;
}
/** Canonical JSON text: object keys sorted, no whitespace. Equal JSON values give equal text. */
export function canonical(value) {
    switch (typeof value) {
        case 'string':
            return quote(value);
        case 'number':
            // As JSON.stringify: finite numbers print as String() does (-0 as "0"), others as null.
            return Number.isFinite(value) ? String(value) : 'null';
        case 'boolean':
            return value ? 'true' : 'false';
        case 'object':
            if (value === null)
                return 'null';
            break;
        default: {
            const text = JSON.stringify(value);
            return text === undefined ? 'null' : text;
        }
    }
    if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
            if (i > 0)
                out += ',';
            // A hole prints as nothing, as `join` does.
            if (i in value)
                out += canonical(value[i]);
        }
        return `${out}]`;
    }
    const record = value;
    const keys = sortedKeys(record);
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
        const k = keys[i] ?? '';
        out += `${i > 0 ? ',' : ''}${quote(k)}:${canonical(record[k])}`;
    }
    return `${out}}`;
}
/** JSON equality as ajv's `enum`/`const`/`uniqueItems` see it. */
export function jsonEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length)
            return false;
        for (let i = 0; i < a.length; i++)
            if (!jsonEqual(a[i], b[i]))
                return false;
        return true;
    }
    const ra = a;
    const rb = b;
    const ka = Object.keys(ra);
    if (ka.length !== Object.keys(rb).length)
        return false;
    for (const k of ka)
        if (!Object.hasOwn(rb, k) || !jsonEqual(ra[k], rb[k]))
            return false;
    return true;
}
export function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Escapes one JSON Pointer reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token) {
    if (typeof token === 'number')
        return String(token);
    // Most tokens need no escaping: skip the two scans-and-copies of replaceAll for them.
    if (!token.includes('~') && !token.includes('/'))
        return token;
    return token.replaceAll('~', '~0').replaceAll('/', '~1');
}
/** Appends reference tokens to a JSON Pointer written as a URI fragment (`#/properties/a`). */
export function pointer(base, ...tokens) {
    let out = base;
    for (const t of tokens)
        out += `/${escapeToken(t)}`;
    return out;
}
/** Decodes one JSON Pointer reference token (also percent-decoding, as in URI fragments). */
export function unescapeToken(token) {
    let decoded = token;
    try {
        decoded = decodeURIComponent(token);
    }
    catch {
        decoded = token;
    }
    return decoded.replaceAll('~1', '/').replaceAll('~0', '~');
}
/** The JSON type names an instance has (an integer is also a number). */
export function jsonTypeOf(value) {
    if (value === null)
        return 'null';
    switch (typeof value) {
        case 'boolean':
            return 'boolean';
        case 'number':
            return Number.isFinite(value) ? 'number' : undefined;
        case 'string':
            return 'string';
        case 'object':
            return Array.isArray(value) ? 'array' : 'object';
        default:
            return undefined;
    }
}
/** Code-point length, as ajv counts `minLength`/`maxLength`. */
export function stringLength(value) {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
            const d = value.charCodeAt(i + 1);
            if (d >= 0xdc00 && d <= 0xdfff)
                i++;
        }
        n++;
    }
    return n;
}
