// The one place that talks to /api/v1: JSON in and out, the CSRF token on every write, and
// problem+json turned into an ApiError whose field messages a form can show in place.

export interface FieldError {
  field?: string;
  message: string;
  file?: string; // for a problem in an uploaded file: its name (and sheet), row and column
  row?: number;
  text?: string; // the whole sentence with its place, as the command line prints it
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public title: string,
    public errors: FieldError[],
  ) {
    super(errors[0]?.message ?? title);
  }
  // The server's message for one field, if it named that field.
  forField(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

// What to tell the user about a failed action: every message the server gave, else the error.
export function problemText(e: unknown): string {
  if (!(e instanceof ApiError)) return String(e);
  return e.errors.map((x) => x.message).join(" ") || e.message;
}

let csrfToken = "";
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when the server says the session is gone (401): the app shows the login page.
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export interface Versioned {
  version: number;
}

// While the database fails over (or a server restarts) the server answers 503 with
// Retry-After, or does not answer at all. A read is simply asked again, for up to about 20
// seconds; a write never is, since it may have been saved: the user is told to check first.
const readRetryDelaysMs = [500, 1000, 2000, 3000, 5000, 8000];

async function request<T>(method: string, path: string, body?: unknown, ifMatch?: number): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken;
  if (ifMatch !== undefined) headers["If-Match"] = `"${ifMatch}"`;
  const send = () =>
    fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  let response: Response | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await send();
    } catch {
      response = undefined; // no answer: the server is unreachable
    }
    const unavailable = response === undefined || response.status === 503;
    if (!unavailable || method !== "GET" || attempt >= readRetryDelaysMs.length) break;
    await new Promise((resolve) => setTimeout(resolve, readRetryDelaysMs[attempt]));
  }
  if (response === undefined) {
    const message =
      method === "GET"
        ? "De server is niet bereikbaar. Probeer het over een minuut opnieuw."
        : "De server gaf geen antwoord. Herlaad de pagina en kijk of uw wijziging er staat voordat u ze herhaalt.";
    throw new ApiError(0, "Geen verbinding", [{ message }]);
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    // A refused login step is an answer on the login page itself, not a lost session.
    if (response.status === 401 && !path.startsWith("/session")) onUnauthenticated();
    throw new ApiError(response.status, data.title ?? response.statusText, data.errors ?? []);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  // `version`: the version the change was made against, sent as If-Match (412 when stale).
  post: <T>(path: string, body: unknown, version?: number) => request<T>("POST", path, body, version),
  put: <T>(path: string, body: unknown, version?: number) => request<T>("PUT", path, body, version),
  delete: (path: string, version?: number) => request<void>("DELETE", path, undefined, version),
};

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
