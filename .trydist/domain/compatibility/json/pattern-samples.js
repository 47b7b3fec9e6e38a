/**
 * Builds short strings that a regex probably matches (for counterexamples). Covers literals, classes,
 * groups, alternation and quantifiers; the caller always re-checks with the real regex.
 */
const POOL = ['a', 'z', 'A', 'Z', '0', '9', '_', '-', ' ', '.', 'x'];
const MAX_LENGTH = 64;
class Parser {
    src;
    i = 0;
    constructor(src) {
        this.src = src;
    }
    alternatives() {
        const out = [this.sequence()];
        while (this.src[this.i] === '|') {
            this.i++;
            out.push(this.sequence());
        }
        return out;
    }
    sequence() {
        const atoms = [];
        while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
            const atom = this.atom();
            if (atom !== undefined)
                atoms.push(this.quantified(atom));
        }
        return atoms;
    }
    atom() {
        const c = this.src[this.i++] ?? '';
        if (c === '^' || c === '$')
            return undefined;
        if (c === '.')
            return { chars: ['a', 'x', '0'] };
        if (c === '(') {
            if (this.src[this.i] === '?')
                this.i += 2;
            const group = this.alternatives();
            this.i++;
            return { group };
        }
        if (c === '[')
            return { chars: this.charClass() };
        if (c === '\\')
            return this.escape();
        return { chars: [c] };
    }
    escape() {
        const e = this.src[this.i++] ?? '';
        const known = {
            d: ['0', '5', '9'],
            w: ['a', 'Z', '_', '0'],
            s: [' '],
            D: ['a', '-'],
            W: ['-', ' '],
            S: ['a', '0'],
            n: ['\n'],
            t: ['\t'],
        };
        if (e === 'b' || e === 'B')
            return undefined;
        return { chars: known[e] ?? [e] };
    }
    charClass() {
        let negated = false;
        if (this.src[this.i] === '^') {
            negated = true;
            this.i++;
        }
        const members = [];
        const picks = [];
        let first = true;
        while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
            first = false;
            let c = this.src[this.i++] ?? '';
            if (c === '\\') {
                const e = this.src[this.i++] ?? '';
                const esc = { d: /\d/, w: /\w/, s: /\s/, D: /\D/, W: /\W/, S: /\S/ }[e];
                if (esc !== undefined) {
                    members.push((x) => esc.test(x));
                    picks.push(...POOL.filter((x) => esc.test(x)).slice(0, 2));
                    continue;
                }
                c = e;
            }
            if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
                let hi = this.src[this.i + 1] ?? c;
                this.i += 2;
                if (hi === '\\')
                    hi = this.src[this.i++] ?? c;
                const lo = c;
                members.push((x) => x >= lo && x <= hi);
                picks.push(lo, hi);
            }
            else {
                const lit = c;
                members.push((x) => x === lit);
                picks.push(lit);
            }
        }
        this.i++;
        if (!negated)
            return picks.length > 0 ? picks : ['a'];
        const outside = POOL.filter((x) => !members.some((m) => m(x)));
        return outside.length > 0 ? outside : ['\u00e9'];
    }
    quantified(atom) {
        const c = this.src[this.i];
        let min = 1;
        let max = 1;
        if (c === '*' || c === '+' || c === '?') {
            this.i++;
            min = c === '+' ? 1 : 0;
            max = c === '?' ? 1 : Infinity;
        }
        else if (c === '{') {
            const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
            if (m !== null) {
                this.i += m[0].length;
                min = Number(m[1]);
                max = m[2] === undefined ? min : m[3] === '' || m[3] === undefined ? Infinity : Number(m[3]);
            }
        }
        if (this.src[this.i] === '?')
            this.i++;
        return { ...atom, min, max };
    }
}
function render(alts, variant) {
    const seq = alts[variant % alts.length] ?? [];
    let out = '';
    for (const atom of seq) {
        const extra = variant === 0 ? 0 : variant === 1 ? 1 : 2;
        const count = Math.min(atom.max, atom.min + extra, atom.min + 8);
        for (let k = 0; k < count && out.length < MAX_LENGTH; k++) {
            if (atom.group !== undefined)
                out += render(atom.group, variant + k);
            else if (atom.chars !== undefined)
                out += atom.chars[(variant + k) % atom.chars.length] ?? '';
        }
    }
    return out;
}
/** A few distinct strings that the pattern likely matches (unverified). */
export function patternSamples(source) {
    let alts;
    try {
        alts = new Parser(source).alternatives();
    }
    catch {
        return [];
    }
    const out = new Set();
    for (let v = 0; v < 4; v++)
        out.add(render(alts, v).slice(0, MAX_LENGTH));
    return [...out];
}
/** Short strings for probing a pattern's complement. */
export const PROBE_STRINGS = [
    '',
    'a',
    'A',
    '0',
    'Z9',
    ' ',
    '-',
    '_',
    'aa',
    'xyz',
    'ABC',
    '12',
    '!',
    'a b',
];
