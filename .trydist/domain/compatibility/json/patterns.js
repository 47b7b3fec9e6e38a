/**
 * Regular expressions from schemas are attacker-chosen: they are only executed when they look free of
 * catastrophic backtracking, and only on short strings. Anything else is "unknown" to the caller.
 */
const MAX_SUBJECT_LENGTH = 128;
const MAX_SOURCE_LENGTH = 512;
const compiled = new Map();
/**
 * Heuristic safety check: rejects backreferences, lookarounds and quantified groups that themselves
 * contain a quantifier or an alternation (the shapes behind exponential backtracking).
 */
export function isSafePattern(source) {
    if (source.length > MAX_SOURCE_LENGTH)
        return false;
    const stack = [];
    let lastGroup;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            const next = source[i + 1] ?? '';
            if (/[1-9k]/.test(next))
                return false;
            i++;
            lastGroup = undefined;
            continue;
        }
        if (c === '[') {
            i = skipClass(source, i);
            lastGroup = undefined;
            continue;
        }
        if (c === '(') {
            if (source[i + 1] === '?' && source[i + 2] !== ':')
                return false;
            stack.push({ quantified: false, alternation: false });
            lastGroup = undefined;
            continue;
        }
        if (c === ')') {
            lastGroup = stack.pop();
            if (lastGroup === undefined)
                return false;
            const parent = stack[stack.length - 1];
            if (parent !== undefined && (lastGroup.quantified || lastGroup.alternation))
                parent.quantified = true;
            continue;
        }
        const top = stack[stack.length - 1];
        if (c === '|') {
            if (top !== undefined)
                top.alternation = true;
            continue;
        }
        if (c === '*' || c === '+' || c === '{' || c === '?') {
            if (c === '?' && (source[i - 1] === '*' || source[i - 1] === '+' || source[i - 1] === '}'))
                continue;
            const repeats = c !== '?';
            if (lastGroup !== undefined && repeats && (lastGroup.quantified || lastGroup.alternation))
                return false;
            if (top !== undefined && repeats)
                top.quantified = true;
            lastGroup = undefined;
            continue;
        }
        lastGroup = undefined;
    }
    return stack.length === 0;
}
function skipClass(source, start) {
    for (let i = start + 1; i < source.length; i++) {
        if (source[i] === '\\')
            i++;
        else if (source[i] === ']' && i > start + 1)
            return i;
    }
    return source.length;
}
/** The compiled regex (ECMA-262 with the `u` flag, as ajv compiles `pattern`), or undefined when invalid. */
export function compilePattern(source) {
    const cached = compiled.get(source);
    if (cached !== undefined)
        return cached ?? undefined;
    let re = null;
    try {
        re = new RegExp(source, 'u');
    }
    catch {
        re = null;
    }
    if (compiled.size > 4096)
        compiled.clear();
    compiled.set(source, re);
    return re ?? undefined;
}
/** Whether `subject` matches (unanchored search); undefined when that cannot be decided safely. */
export function matchPattern(source, subject) {
    if (subject.length > MAX_SUBJECT_LENGTH || !isSafePattern(source))
        return undefined;
    const re = compilePattern(source);
    if (re === undefined)
        return undefined;
    return re.test(subject);
}
/** Two patterns that provably match disjoint sets: both anchored literal prefixes that diverge. */
export function patternsDisjoint(a, b) {
    const pa = literalPrefix(a);
    const pb = literalPrefix(b);
    if (pa === undefined || pb === undefined)
        return false;
    const n = Math.min(pa.length, pb.length);
    return pa.slice(0, n) !== pb.slice(0, n);
}
function literalPrefix(source) {
    if (!source.startsWith('^'))
        return undefined;
    let out = '';
    for (let i = 1; i < source.length; i++) {
        const c = source[i] ?? '';
        if (/[\\^$.|?*+()[\]{}]/.test(c)) {
            // A quantifier makes the previous literal optional.
            if ((c === '?' || c === '*' || c === '{') && out.length > 0)
                out = out.slice(0, -1);
            break;
        }
        const next = source[i + 1];
        if (next === '?' || next === '*' || next === '{')
            break;
        out += c;
    }
    return out;
}
