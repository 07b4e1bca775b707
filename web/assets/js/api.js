// Every call to the API goes through this module: same origin (the site and the API share one
// distribution), JSON in and out, and RFC 9457 problem details (application/problem+json) turned
// into an ApiError.

/** A failed call: `status` 0 for a network failure, else the HTTP status. */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem; // {title, detail, requestId?, errors?: [{field, message}]}
    this.retryAfterSeconds = retryAfterSeconds; // null when absent or unreadable
  }
}

/** GET a JSON document. Throws ApiError. Rethrows an AbortError as is. */
export async function getJson(path, { headers = {}, signal } = {}) {
  const response = await send(path, {
    headers: { Accept: "application/json", ...headers },
    signal,
  });
  return readJson(response);
}

/**
 * POST a JSON body. Resolves to {status, body} for a 2xx; throws ApiError otherwise.
 * `headers` may carry e.g. an Idempotency-Key.
 */
export async function postJson(path, body, { headers = {}, signal } = {}) {
  const response = await send(path, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal,
  });
  return { status: response.status, body: await readJson(response) };
}

async function send(url, init) {
  try {
    // The browser's HTTP cache revalidates with the API's ETags (304) by itself.
    return await fetch(url, init);
  } catch (error) {
    if (error && error.name === "AbortError") throw error;
    throw new ApiError(0, { title: "Network error", detail: "" }, null);
  }
}

async function readJson(response) {
  if (response.ok) {
    if (response.status === 204) return null;
    try {
      return await response.json();
    } catch {
      throw new ApiError(response.status, { title: "Unreadable response", detail: "" }, null);
    }
  }
  throw new ApiError(response.status, await readProblem(response), retryAfter(response));
}

/** The problem details of an error response; API Gateway's own errors are {"message": ...}. */
async function readProblem(response) {
  const fallback = { title: response.statusText || `HTTP ${response.status}`, detail: "" };
  const type = response.headers.get("Content-Type") || "";
  if (!/json/i.test(type)) return fallback;
  try {
    const body = await response.json();
    if (!body || typeof body !== "object") return fallback;
    return {
      ...fallback,
      ...body,
      detail: typeof body.detail === "string" ? body.detail : "",
      title: typeof body.title === "string" ? body.title : body.message || fallback.title,
      errors: Array.isArray(body.errors) ? body.errors : [],
    };
  } catch {
    return fallback;
  }
}

/** Retry-After as seconds (delta-seconds or an HTTP date), or null. */
export function retryAfter(response) {
  const value = response.headers.get("Retry-After");
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Math.max(1, parseInt(value, 10));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

/** "about 30 seconds", "about 12 minutes", "about 2 hours". */
export function describeWait(seconds) {
  if (seconds == null) return null;
  if (seconds < 90) return `about ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `about ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return `about ${hours} hour${hours === 1 ? "" : "s"}`;
}
