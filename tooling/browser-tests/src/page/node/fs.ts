/**
 * A read-only `node:fs` for test files in the browser: reads go to the test server, which serves
 * the workspace's files (fixtures) under `/fs/<absolute path>`. Synchronous XMLHttpRequest keeps
 * `readFileSync` synchronous, as the fixture readers expect. Writing throws.
 */
type PathLike = string | URL;

function toPath(path: PathLike): string {
  const text = typeof path === 'string' ? path : path.href;
  return text.startsWith('file://') ? decodeURIComponent(new URL(text).pathname) : text;
}

function request(path: PathLike, query = ''): XMLHttpRequest {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', `/fs${encodeURI(toPath(path))}${query}`, false);
  // Bytes through a synchronous request: the x-user-defined charset maps byte b to U+F700 + b.
  xhr.overrideMimeType('text/plain; charset=x-user-defined');
  xhr.send();
  return xhr;
}

function enoent(path: PathLike): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${toPath(path)}'`), { code: 'ENOENT' });
}

export function readFileSync(path: PathLike, options?: string | { encoding?: string | null }): string | Uint8Array {
  const xhr = request(path);
  if (xhr.status !== 200) throw enoent(path);
  const text = xhr.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  const encoding = typeof options === 'string' ? options : options?.encoding;
  return encoding == null ? bytes : new TextDecoder().decode(bytes);
}

export function existsSync(path: PathLike): boolean {
  return request(path, '?exists').status === 200;
}

export function readdirSync(path: PathLike): string[] {
  const xhr = request(path, '?list');
  if (xhr.status !== 200) throw enoent(path);
  return JSON.parse(xhr.responseText) as string[];
}

function readOnly(name: string) {
  return (): never => {
    throw new Error(`node:fs ${name} is not available in the browser test runner (read-only).`);
  };
}

export const writeFileSync = readOnly('writeFileSync');
export const mkdtempSync = readOnly('mkdtempSync');
export const rmSync = readOnly('rmSync');
export const mkdirSync = readOnly('mkdirSync');
export default { readFileSync, existsSync, readdirSync, writeFileSync, mkdtempSync, rmSync, mkdirSync };
