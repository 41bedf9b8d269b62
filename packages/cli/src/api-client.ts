/**
 * The isnad HTTP API as the CLI sees it: which server (--server, ISNAD_SERVER, or the local
 * default), and responses turned into results or CliErrors with the server's own words (RFC 9457
 * problem `detail`) and the exit code the failure deserves.
 */
import { CliError, EXIT, UsageError, stringOption, type CommandContext } from "./command";

export const DEFAULT_SERVER = "http://127.0.0.1:8787";

export const SERVER_OPTION = { server: { type: "string" } } as const;
export const SERVER_HELP = `  --server URL     the isnad server (default: ISNAD_SERVER, else ${DEFAULT_SERVER})`;

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

/** A response that was not 2xx: 4xx are the request's fault (exit 1), 5xx the service's (exit 3). */
export class ApiError extends CliError {
  override readonly name = "ApiError";
  constructor(
    message: string,
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(message, status >= 500 ? EXIT.error : EXIT.failed);
  }
}

export interface ApiClient {
  readonly server: string;
  url(path: string): string;
  /** Sends a request; network failures and non-2xx responses throw CliErrors. */
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
}

export function resolveServer(ctx: CommandContext): string {
  const raw = stringOption(ctx, "server") ?? (ctx.env.ISNAD_SERVER || DEFAULT_SERVER);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--server: ${JSON.stringify(raw)} is not a URL (e.g. ${DEFAULT_SERVER})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--server: ${raw} is not an http(s) URL`);
  }
  return trimSlashes(url.href);
}

/** The URL without its trailing slashes (a loop, not /\/+$/, which is quadratic on "////…x"). */
function trimSlashes(href: string): string {
  let end = href.length;
  while (end > 0 && href[end - 1] === "/") end--;
  return href.slice(0, end);
}

export function createApiClient(server: string, fetchImpl: typeof fetch = fetch): ApiClient {
  const url = (path: string) => `${server}${path}`;
  const request = async (path: string, init?: RequestInit) => {
    let response: Response;
    try {
      response = await fetchImpl(url(path), init);
    } catch (e) {
      if (e instanceof CliError) throw e;
      // A file read error inside a streamed body surfaces here too, wrapped by fetch.
      const cause = (e as Error).cause;
      if (cause instanceof CliError) throw cause;
      // undici wraps the socket error; with happy eyeballs it is an AggregateError of several.
      const inner = cause as (NodeJS.ErrnoException & { errors?: NodeJS.ErrnoException[] }) | undefined;
      const code = inner?.code ?? inner?.errors?.[0]?.code ?? inner?.message;
      throw new CliError(
        `cannot reach ${server}${code ? ` (${code})` : ""}: is \`npm start\` running? (or pass --server URL)`,
        EXIT.error,
        { cause: e },
      );
    }
    if (!response.ok) throw await apiError(response);
    return response;
  };
  return {
    server,
    url,
    request,
    async json<T>(path: string, init?: RequestInit) {
      const response = await request(path, {
        ...init,
        headers: { accept: "application/json", ...init?.headers },
      });
      try {
        return { status: response.status, body: (await response.json()) as T };
      } catch (cause) {
        throw new CliError(`${server} answered ${path} with something that is not JSON`, EXIT.error, {
          cause,
        });
      }
    },
  };
}

async function apiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let problem: Problem | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") problem = parsed as Problem;
  } catch {
    // Not a problem document (a proxy's HTML page, say): report the status alone.
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const detail = problem?.detail ?? problem?.title ?? "";
  const message =
    response.status === 401 || response.status === 403
      ? `the server refused the API key (${status})${detail ? `: ${detail}` : ""}; ` +
        "pass --key KEY or set ISNAD_API_KEY to a key from `isnad publisher create` or `isnad key issue`"
      : `the server answered ${status}${detail ? `: ${detail}` : ""}`;
  return new ApiError(message, response.status, problem);
}
