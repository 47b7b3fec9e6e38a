/** Any failure the SDK reports: HTTP errors carry the registry's `error_code` and status. */
export class RegistryClientError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly errorCode?: number,
  ) {
    super(message);
    this.name = 'RegistryClientError';
  }
}

/** JSON over fetch against one registry base URL; non-2xx answers become RegistryClientErrors. */
export class RegistryHttp {
  private readonly base: string;

  constructor(
    baseUrl: string,
    readonly fetch: typeof globalThis.fetch,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  async get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await this.fetch(this.url(path), {
        ...init,
        headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) },
      });
    } catch (error) {
      throw new RegistryClientError(`registry unreachable at ${this.base}: ${describe(error)}`);
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const envelope = (body ?? {}) as { error_code?: unknown; message?: unknown };
      const message = typeof envelope.message === 'string' ? envelope.message : `HTTP ${response.status}`;
      const code = typeof envelope.error_code === 'number' ? envelope.error_code : undefined;
      throw new RegistryClientError(`${init.method} ${path} failed: ${message}`, response.status, code);
    }
    return body as T;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
