// Normalisation of the Canvas instance address a user types or pastes.
import { isIP } from 'node:net';

import { InsecureUrlError } from './errors';

/**
 * Returns the instance origin for a typed address: `https://School.Instructure.com/api/v1/`
 * becomes `https://school.instructure.com`. A missing scheme means https. Plain `http://` is
 * accepted only for loopback hosts (local tests and the demo), because the token would
 * otherwise travel unencrypted.
 */
export function normalizeInstanceUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed.length === 0) {
    throw new InsecureUrlError('The Canvas address is empty. Enter an address such as https://school.instructure.com.');
  }

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InsecureUrlError(`"${trimmed}" is not a valid address. Enter an address such as https://school.instructure.com.`);
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InsecureUrlError(`"${trimmed}" must start with https://.`);
  }

  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InsecureUrlError(
      `Plain http:// is not allowed for ${url.hostname} because the API token would be sent unencrypted. Use https://${url.host}.`,
    );
  }

  if (url.username || url.password) {
    throw new InsecureUrlError('The Canvas address must not contain a user name or password.');
  }

  return url.origin;
}

/** True for `localhost`, 127.0.0.0/8 and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') {
    return true;
  }

  if (isIP(host) === 4) {
    return host.startsWith('127.');
  }

  return host === '::1';
}
