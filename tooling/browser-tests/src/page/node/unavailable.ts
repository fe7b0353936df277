/**
 * Stand-in for Node built-ins that synth's packages import only on their file-system paths
 * (`node:path`, `node:fs/promises`, `node:os`, `node:crypto`): importing works, using them throws,
 * so a browser test that reaches the file system fails with a clear message.
 */
function unavailable(name: string) {
  return (): never => {
    throw new Error(`${name} is a Node built-in, not available in the browser test runner.`);
  };
}

export const join = (...parts: string[]): string => parts.join('/').replace(/\/+/g, '/');
export const dirname = (path: string): string => path.replace(/\/[^/]*$/, '') || '/';
export const basename = (path: string): string => path.replace(/^.*\//, '');
export const fileURLToPath = (url: string | URL): string => decodeURIComponent(new URL(url).pathname);
export const tmpdir = unavailable('os.tmpdir');
export const readFile = unavailable('fs/promises.readFile');
export const writeFile = unavailable('fs/promises.writeFile');
export const mkdir = unavailable('fs/promises.mkdir');
export const mkdtemp = unavailable('fs/promises.mkdtemp');
export const readdir = unavailable('fs/promises.readdir');
export const rename = unavailable('fs/promises.rename');
export const rm = unavailable('fs/promises.rm');
export const access = unavailable('fs/promises.access');
export const open = unavailable('fs/promises.open');
export const randomBytes = unavailable('crypto.randomBytes');
export const randomUUID = unavailable('crypto.randomUUID');
export default { join, dirname, basename, fileURLToPath, tmpdir, readFile, writeFile, mkdir, mkdtemp, readdir, rename, rm, access, open, randomBytes, randomUUID };
