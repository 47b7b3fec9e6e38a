/** Every event is published here; every instance and most consumers subscribe to it. */
export const EVENTS_CHANNEL = 'schemata:events';
export const EVENT_TYPES = [
    'schema.registered',
    'version.deleted',
    'subject.deleted',
    'config.changed',
    'mode.changed',
];
/** The per-subject channel; events of global config/mode changes (subject null) go to the main channel only. */
export function subjectChannel(subject) {
    return `${EVENTS_CHANNEL}:${subject}`;
}
/** The subject an event concerns (`data.subject`), or null for a global change. */
export function subjectOf(event) {
    const subject = event.data['subject'];
    return typeof subject === 'string' ? subject : null;
}
/**
 * Reads a published envelope back from its JSON text; `undefined` when it is not one (a foreign or
 * corrupt message on the channel must be ignored, never crash a subscriber).
 */
export function parseEnvelope(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null)
        return undefined;
    const v = value;
    if (typeof v['event_type'] !== 'string' ||
        v['version'] !== 'v1' ||
        typeof v['seq'] !== 'number' ||
        !Number.isSafeInteger(v['seq']) ||
        v['seq'] < 1 ||
        typeof v['occurred_at'] !== 'string' ||
        typeof v['data'] !== 'object' ||
        v['data'] === null ||
        Array.isArray(v['data'])) {
        return undefined;
    }
    return {
        event_type: v['event_type'],
        version: 'v1',
        seq: v['seq'],
        occurred_at: v['occurred_at'],
        data: v['data'],
    };
}
