import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import {
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  proxyPolicy,
  type HttpMethods,
} from '@azure/core-rest-pipeline';

/** An OAuth error answer of the identity platform: its HTTP status, `error` and `error_description`. */
export interface IdentityRefusal {
  status: number;
  error: string;
  description?: string;
}

/** An MSAL network client that also tells what failed to be reached, for the user's message. */
export interface ProxyNetworkClient extends INetworkModule {
  /** The last request that got no answer: its host and the socket error code. */
  lastUnreachable(): { host: string; code: string } | undefined;
  /**
   * The last request's OAuth error answer (status 400 or more with an `error`), if it was one:
   * MSAL drops some (a refused device-code request reaches its callback as an empty code).
   */
  lastRefusal(): IdentityRefusal | undefined;
}

/**
 * MSAL's network client over the Azure SDK's HTTP stack, through the proxy that HTTPS_PROXY /
 * HTTP_PROXY name (NO_PROXY honoured), like every other call the app makes; msal-node's own
 * client ignores them. TLS trust follows Node's (NODE_EXTRA_CA_CERTS for a private CA).
 */
export function createProxyNetworkClient(): ProxyNetworkClient {
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(proxyPolicy());
  const http = createDefaultHttpClient();
  let unreachable: { host: string; code: string } | undefined;
  let refusal: IdentityRefusal | undefined;

  const send = async <T>(
    method: HttpMethods,
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const request = createPipelineRequest({
      url,
      method,
      headers: createHttpHeaders(options?.headers),
      ...(options?.body !== undefined ? { body: options.body } : {}),
      // Not the request's `timeout`: core-rest-pipeline leaves that timer running when the
      // connection fails, and it held the CLI open for a minute after an unreachable
      // authority. AbortSignal.timeout's timer does not keep the process alive.
      abortSignal: AbortSignal.timeout(timeout ?? 60_000),
    });
    let response;
    unreachable = undefined;
    refusal = undefined;
    try {
      response = await pipeline.sendRequest(http, request);
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'ERROR';
      unreachable = { host: new URL(url).host, code };
      throw e;
    }
    const text = response.bodyAsText ?? '';
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (an HTML error page): MSAL reports the status.
    }
    const answered = body as { error?: unknown; error_description?: unknown };
    if (response.status >= 400 && typeof answered?.error === 'string') {
      refusal = {
        status: response.status,
        error: answered.error,
        ...(typeof answered.error_description === 'string'
          ? { description: answered.error_description }
          : {}),
      };
    }
    return { headers: response.headers.toJSON(), body: body as T, status: response.status };
  };

  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
    lastUnreachable: () => unreachable,
    lastRefusal: () => refusal,
  };
}
