/** Exact decimal arithmetic for `multipleOf` (reference §7.3): never `0.3 % 0.1` in floats. */
const MAX_SCALE = 400;
/** The shortest decimal that round-trips to `value` (JavaScript's own number printing). */
export function toDecimal(value) {
    if (!Number.isFinite(value))
        return undefined;
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
    if (m === null)
        return undefined;
    const [, sign = '', whole = '0', fraction = '', exponent = '0'] = m;
    let scale = fraction.length - Number(exponent);
    let digits = BigInt(`${sign}${whole}${fraction}`);
    if (scale < 0) {
        digits *= 10n ** BigInt(-scale);
        scale = 0;
    }
    if (scale > MAX_SCALE)
        return undefined;
    return { digits, scale };
}
function aligned(a, b) {
    const scale = Math.max(a.scale, b.scale);
    return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale)];
}
/** Whether `a` is an integer multiple of `b` (exactly); undefined when either is not a usable number. */
export function isMultipleOf(a, b) {
    const da = toDecimal(a);
    const db = toDecimal(b);
    if (da === undefined || db === undefined || db.digits === 0n)
        return undefined;
    const [x, y] = aligned(da, db);
    return x % y === 0n;
}
/** ajv's own multipleOf test (floating point), used when evaluating instances as ajv would. */
export function ajvMultipleOf(value, divisor) {
    const q = value / divisor;
    return q === Number.parseInt(String(q), 10);
}
