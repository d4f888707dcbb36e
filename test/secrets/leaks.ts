// What a leak check looks for: a planted secret in any form it takes on the wire or in a
// peer's echo. Computed here with Node's own encoders, independently of the core's
// redaction, so a gap in one is not hidden by the same gap in the other.
import { Buffer } from 'node:buffer';

/** Base64 runs that encode `secret` whatever precedes or follows it (three alignments). */
function base64Cores(secret: string, alphabet: 'base64' | 'base64url'): string[] {
  const bytes = Buffer.byteLength(secret);
  const out: string[] = [];
  for (let before = 0; before < 3; before++) {
    const encoded = Buffer.from('\0'.repeat(before) + secret).toString(alphabet);
    const first = Math.ceil(before / 3);
    const last = Math.floor((before + bytes) / 3);
    if (last - first >= 2) out.push(encoded.slice(first * 4, last * 4));
  }
  return out;
}

export function encodedForms(secret: string): string[] {
  const url = encodeURIComponent(secret);
  return [
    ...new Set([
      secret,
      url,
      url.replace(/%20/g, '+'),
      Buffer.from(`${secret}:`).toString('base64'),
      ...base64Cores(secret, 'base64'),
      ...base64Cores(secret, 'base64url'),
    ]),
  ];
}

/** The forms of the secrets found in the text (empty: no leak). */
export function leaksIn(text: string, secrets: string[]): string[] {
  return secrets.flatMap((s) => encodedForms(s).filter((form) => text.includes(form)));
}

/** Every text that holds a form of a secret, labelled, for a readable failure. */
export function leaks(texts: Record<string, string[]>, secrets: string[]): string[] {
  const found: string[] = [];
  for (const [where, list] of Object.entries(texts))
    list.forEach((text, i) => {
      const forms = leaksIn(text, secrets);
      if (forms.length > 0) found.push(`${where}[${i}] holds ${forms[0]}: ${text.slice(0, 300)}`);
    });
  return found;
}
