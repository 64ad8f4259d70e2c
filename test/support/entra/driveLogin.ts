/**
 * Plays the user's part on the stand-in's development pages over plain HTTP, as a browser
 * would: follows redirects with a cookie jar, fills the login form (any name and password) and
 * accepts or cancels consent. Used by tests in place of a browser.
 */

interface Form {
  action: string;
  fields: Record<string, string>;
}

const decode = (s: string): string =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x2F;/g, '/')
    .replace(/&#39;/g, "'");

function firstForm(html: string, base: string): Form | undefined {
  const form = /<form[^>]*?action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[name] = decode(value ?? '');
  }
  return { action: new URL(decode(form[1]!), base).toString(), fields };
}

class Browser {
  private readonly jar = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.jar.size) {
      headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(body !== undefined ? { body } : {}),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }
}

export interface LoginOptions {
  /** The login name typed on the login page; default `alice`. */
  login?: string;
  /** Cancel on the consent page instead of accepting. */
  deny?: boolean;
  /** Where the walk ends: the app's redirect; default an http loopback URL. */
  stopAtOrigin?: (url: URL) => boolean;
  /** Request that last URL (the app's loopback server answers it); default true. */
  requestLast?: boolean;
}

export interface LoginResult {
  /** The last URL reached. */
  url: string;
  status: number;
  text: string;
}

const isLoopbackRedirect = (u: URL) =>
  u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');

/** Walks from `startUrl` (an authorize URL or the device page) through login and consent. */
async function walk(
  browser: Browser,
  startUrl: string,
  options: LoginOptions,
): Promise<LoginResult> {
  const stopAt = options.stopAtOrigin ?? isLoopbackRedirect;
  let url = startUrl;
  let res = await browser.request(url);
  for (let step = 0; step < 30; step += 1) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).toString();
      if (stopAt(new URL(url)) && options.requestLast === false)
        return { url, status: 0, text: '' };
      res = await browser.request(url);
      continue;
    }
    const text = await res.text();
    if (stopAt(new URL(url))) return { url, status: res.status, text };
    const form = firstForm(text, url);
    if (!form) return { url, status: res.status, text };
    if (form.fields.prompt === 'login') {
      res = await browser.request(form.action, {
        method: 'POST',
        form: { ...form.fields, login: options.login ?? 'alice', password: 'any' },
      });
    } else if (form.fields.prompt === 'consent') {
      if (options.deny) {
        const abort = /href="([^"]*\/abort)"/.exec(text)?.[1];
        res = await browser.request(new URL(decode(abort!), url).toString());
      } else {
        res = await browser.request(form.action, { method: 'POST', form: form.fields });
      }
    } else {
      // The device pages: the code confirmation form (hidden xsrf and user_code).
      res = await browser.request(form.action, {
        method: 'POST',
        form: options.deny ? { ...form.fields, abort: 'yes' } : form.fields,
      });
    }
  }
  throw new Error(`login walk did not finish at ${url}`);
}

/** Opens an authorize URL and signs in, stopping at the loopback redirect (which it requests). */
export function completeBrowserLogin(
  url: string,
  options: LoginOptions = {},
): Promise<LoginResult> {
  return walk(new Browser(), url, options);
}

/** Opens the device page with the code filled in and signs in. */
export function completeDeviceLogin(
  verificationUri: string,
  userCode: string,
  options: LoginOptions = {},
): Promise<LoginResult> {
  const url = new URL(verificationUri);
  url.searchParams.set('user_code', userCode);
  return walk(new Browser(), url.toString(), options);
}
