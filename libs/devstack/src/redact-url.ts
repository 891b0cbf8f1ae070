/** The URL with its password replaced by "****", safe to print; non-URLs come back unchanged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '****';
    return parsed.toString();
  } catch {
    return url;
  }
}
