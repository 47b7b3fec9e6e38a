import { newId } from "./types.js";
export function intersectTypes(a, b) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    const out = new Set();
    for (const t of a)
        if (b.has(t) || (t === 'integer' && b.has('number')))
            out.add(t);
    if (a.has('number') && b.has('integer'))
        out.add('integer');
    if (out.has('number'))
        out.delete('integer');
    return out;
}
function tighter(a, b, pick) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    return (pick === 'max' ? b.value > a.value : b.value < a.value) ? b : a;
}
function tighterBound(a, b, side) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    if (a.value === b.value)
        return b.exclusive ? b : a;
    return (side === 'lower' ? b.value > a.value : b.value < a.value) ? b : a;
}
function mergeString(a, b) {
    if (a === undefined || b === undefined)
        return a ?? b;
    const patterns = [...a.patterns, ...b.patterns.filter((p) => !a.patterns.some((q) => q.value === p.value))];
    const minLength = tighter(a.minLength, b.minLength, 'max');
    const maxLength = tighter(a.maxLength, b.maxLength, 'min');
    return { patterns, ...(minLength && { minLength }), ...(maxLength && { maxLength }) };
}
function mergeNumber(a, b) {
    if (a === undefined || b === undefined)
        return a ?? b;
    const lower = tighterBound(a.lower, b.lower, 'lower');
    const upper = tighterBound(a.upper, b.upper, 'upper');
    return { multipleOf: [...a.multipleOf, ...b.multipleOf], ...(lower && { lower }), ...(upper && { upper }) };
}
function mergeEnum(a, b) {
    if (a === undefined || b === undefined)
        return a ?? b;
    const values = [];
    const keys = new Set();
    let i = 0;
    for (const key of a.keys) {
        if (b.keys.has(key)) {
            keys.add(key);
            values.push(a.values[i]);
        }
        i++;
    }
    return { values, keys, path: b.path };
}
const hasModel = (o) => o.patterns.length > 0 || o.additional !== undefined || o.unevaluated !== undefined;
function mergeObject(a, b, conj) {
    if (a === undefined || b === undefined)
        return a ?? b;
    if (hasModel(a) && hasModel(b))
        return undefined;
    const [model, other] = hasModel(b) ? [b, a] : [a, b];
    const rest = model.additional ?? (model.unevaluated?.exact ? model.unevaluated.node : undefined);
    const properties = new Map(model.properties);
    for (const [name, node] of other.properties) {
        const mine = model.properties.get(name);
        if (mine !== undefined)
            properties.set(name, conj(mine, node));
        else if (!hasModel(model))
            properties.set(name, node);
        else if (model.patterns.length > 0 || rest === undefined)
            return undefined;
        else
            properties.set(name, conj(node, rest));
    }
    const dependentRequired = new Map(a.dependentRequired);
    for (const [k, v] of b.dependentRequired) {
        const mine = dependentRequired.get(k);
        dependentRequired.set(k, mine ? { value: [...new Set([...mine.value, ...v.value])], path: mine.path } : v);
    }
    const dependentSchemas = new Map(a.dependentSchemas);
    for (const [k, v] of b.dependentSchemas) {
        const mine = dependentSchemas.get(k);
        dependentSchemas.set(k, mine ? conj(mine, v) : v);
    }
    const names = a.propertyNames && b.propertyNames
        ? conj(a.propertyNames, b.propertyNames)
        : (a.propertyNames ?? b.propertyNames);
    const minProperties = tighter(a.minProperties, b.minProperties, 'max');
    const maxProperties = tighter(a.maxProperties, b.maxProperties, 'min');
    const merged = {
        path: model.path,
        properties,
        required: new Map([...a.required, ...b.required]),
        defaults: new Map([...b.defaults, ...a.defaults]),
        patterns: model.patterns,
        dependentRequired,
        dependentSchemas,
        ...(model.additional && { additional: model.additional }),
        ...(model.unevaluated && { unevaluated: model.unevaluated }),
        ...(names && { propertyNames: names }),
        ...(minProperties && { minProperties }),
        ...(maxProperties && { maxProperties }),
    };
    return merged;
}
const positional = (x) => x.prefix.length > 0 || x.rest !== undefined || x.unevaluated !== undefined;
function mergeArray(a, b) {
    if (a === undefined || b === undefined)
        return a ?? b;
    if ((positional(a) && positional(b)) || (a.contains !== undefined && b.contains !== undefined))
        return undefined;
    const pos = positional(b) ? b : a;
    const withContains = a.contains !== undefined ? a : b;
    const minItems = tighter(a.minItems, b.minItems, 'max');
    const maxItems = tighter(a.maxItems, b.maxItems, 'min');
    const uniqueItems = a.uniqueItems?.value ? a.uniqueItems : b.uniqueItems;
    const merged = {
        ...pos,
        path: pos.path,
        // The quirk only exists where the tuple and `contains` sit in the same schema object.
        emptyPassesContains: withContains === pos && pos.emptyPassesContains,
        ...(withContains.contains && { contains: withContains.contains }),
        ...(withContains.minContains && { minContains: withContains.minContains }),
        ...(withContains.maxContains && { maxContains: withContains.maxContains }),
        ...(minItems && { minItems }),
        ...(maxItems && { maxItems }),
        ...(uniqueItems && { uniqueItems }),
    };
    return merged;
}
/** `a ∧ b` as one simple node; `{kind:'bool', value:false}` when the types exclude each other. */
export function mergeSimple(a, b, conj) {
    const object = mergeObject(a.object, b.object, conj);
    if (object === undefined && a.object !== undefined && b.object !== undefined)
        return undefined;
    const array = mergeArray(a.array, b.array);
    if (array === undefined && a.array !== undefined && b.array !== undefined)
        return undefined;
    const types = intersectTypes(a.types, b.types);
    if (types !== undefined && types.size === 0)
        return { kind: 'bool', id: newId(), path: b.path, value: false };
    const en = mergeEnum(a.enum, b.enum);
    const string = mergeString(a.string, b.string);
    const number = mergeNumber(a.number, b.number);
    const node = {
        kind: 'simple',
        id: newId(),
        path: a.path,
        ...(types && { types }),
        ...(en && { enum: en }),
        ...(string && { string }),
        ...(number && { number }),
        ...(object && { object }),
        ...(array && { array }),
    };
    return node;
}
