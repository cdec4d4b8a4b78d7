// Masking of secrets in text that leaves the extension (log lines, messages). No `vscode` import,
// so it is tested in plain Node.

/** Replaces every secret in `text`, and any bearer credential, with `***`. */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= 4) {
      masked = masked.split(secret).join('***');
    }
  }

  return masked.replace(/(Bearer\s+)(?!\*\*\*)[^\s"',]+/gi, '$1***');
}
