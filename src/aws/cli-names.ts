// AWS CLI naming and shell quoting, for rendering replayable commands.

// botocore's `xform_name` (botocore/__init__.py), which the AWS CLI applies to operation
// and parameter names: CreateRole -> create-role, ListMFADevices -> list-mfa-devices,
// GetOpenIDConnectProvider -> get-open-id-connect-provider, GatewayARNs -> gateway-arns.
const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
const PLURAL_ACRONYM = /[A-Z]{2,}s$/;

export function xformName(name: string, sep = '-'): string {
  if (name.includes(sep)) return name;
  const plural = PLURAL_ACRONYM.exec(name);
  const base = plural ? `${name.slice(0, -plural[0].length)}${sep}${plural[0].toLowerCase()}` : name;
  return base.replace(FIRST_CAP, `$1${sep}$2`).replace(END_CAP, `$1${sep}$2`).toLowerCase();
}

/** Characters that mean nothing to POSIX shells anywhere in a word. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes a word for POSIX shells: bare when safe, else single quotes ('\'' for a quote). */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The CLI command group of a service: S3's API-level commands live under `s3api`. */
export function cliName(service: string): string {
  return service === 's3' ? 's3api' : service;
}
