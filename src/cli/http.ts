import { CliError } from './command.ts';
import type { RegistrySettings } from './settings.ts';

export interface RegistryResponse {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: unknown;
}

/** How long one request may take before the registry counts as unreachable. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The registry's HTTP API as the CLI uses it: JSON in and out, credentials attached, failures classified. */
export class RegistryClient {
  constructor(readonly settings: RegistrySettings) {}

  /**
   * Sends one request. A network failure, a timeout, 401 and 403 throw exit-3 errors; any other status is
   * returned for the command to interpret (use `ok` for the common case).
   */
  async request(
    method: string,
    path: string,
    body?: unknown,
    accept = 'application/json',
  ): Promise<RegistryResponse> {
    const headers: Record<string, string> = { accept };
    if (this.settings.authorization !== undefined) headers['authorization'] = this.settings.authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.settings.url}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(
        'unreachable',
        `the registry at ${this.settings.url} is unreachable (${causeOf(error)})`,
      );
    }
    const text = await response.text();
    const parsed = parseBody(text);
    if (response.status === 401 || response.status === 403) {
      const what = response.status === 401 ? 'refused the credentials' : 'refused this key';
      throw new CliError('unreachable', `the registry ${what}: ${messageOf(parsed, response.statusText)}`);
    }
    return { status: response.status, body: parsed };
  }

  /** Like `request`, but any status outside 2xx becomes a failure naming the registry's message. */
  async ok(method: string, path: string, body?: unknown, accept?: string): Promise<unknown> {
    const response = await this.request(method, path, body, accept);
    if (response.status >= 200 && response.status < 300) return response.body;
    throw registryFailure(response);
  }
}

/** A non-2xx answer as an error: 4xx other than auth means the request was wrong (exit 1), 5xx exit 3. */
export function registryFailure(response: RegistryResponse): CliError {
  const message = `the registry answered ${response.status}: ${messageOf(response.body, '')}`;
  return new CliError(response.status >= 500 ? 'unreachable' : 'failed', message);
}

/** The `message` of a `{error_code, message}` envelope, or a fallback. */
export function messageOf(body: unknown, fallback: string): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return typeof body === 'string' && body !== '' ? body.slice(0, 500) : fallback;
}

/** Path segment encoding for subjects, catalogs and versions. */
export const segment = (value: string | number): string => encodeURIComponent(String(value));

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
    }
    return error.message;
  }
  return String(error);
}
