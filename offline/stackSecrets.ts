/**
 * Secrets in stack files: which config keys hold credentials, and where a stack file holds one in
 * plaintext (it must be `secure:`, set with `pulumi config set --secret`). Pure.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Pair } from "yaml";

/**
 * Config keys that hold credentials, by their key after the namespace: the OpenStack provider's
 * password, token and application-credential secret, kubeconfigs (`hatang:kubeconfig-<cluster>`),
 * private keys (`hatang:firewallSshPrivateKey`), and anything named like a password, secret or token.
 */
const SECRET_NAME = /^(password|token|applicationCredentialSecret|kubeconfig(-.+)?|.*privateKey|.*(password|secret|token))$/i;

/**
 * True when a config key holds a credential and must never be stored in plaintext.
 * @param key `namespace:key` (or a bare key of the project's namespace)
 */
export function isSecretConfigKey(key: string): boolean {
  return SECRET_NAME.test(key.slice(key.lastIndexOf(":") + 1));
}

/** One credential stored in plaintext. */
export interface PlaintextSecret {
  /** The stack file. */
  file: string;
  /** 1-based line of the key. */
  line: number;
  /** 1-based column of the key. */
  col: number;
  /** The config key. */
  key: string;
  /** What is wrong and how to fix it (never the value). */
  message: string;
}

/**
 * Every credential a stack file holds in plaintext, with its line.
 * @param file the file name, for messages
 * @param text the stack file's content
 */
export function plaintextSecrets(file: string, text: string): PlaintextSecret[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const config = isMap(doc.contents) ? doc.contents.get("config", true) : undefined;
  if (!isMap(config)) return [];
  const out: PlaintextSecret[] = [];
  for (const pair of config.items as Array<Pair<unknown, unknown>>) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!isSecretConfigKey(key)) continue;
    const v = pair.value;
    // `key: {secure: …}` is encrypted; an empty value holds nothing to leak.
    if (isMap(v) && v.has("secure")) continue;
    if (v === null || (isScalar(v) && (v.value === null || v.value === ""))) continue;
    const at = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]) : { line: 0, col: 0 };
    out.push({
      file, line: at.line, col: at.col, key,
      message: `${key} holds a credential in plaintext: remove it and run \`pulumi config set --secret ${key} …\` (stored encrypted as secure:)`,
    });
  }
  return out;
}

/**
 * A problem as `file:line:col  key  message`, the loader's format.
 * @param p the problem
 */
export function formatPlaintextSecret(p: PlaintextSecret): string {
  return `${p.file}:${p.line}:${p.col}  ${p.key}  ${p.message}`;
}
