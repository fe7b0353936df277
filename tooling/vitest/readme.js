// Runs the first ```ts block of a package README as a module, so README examples cannot rot.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const packagesDir = resolve(import.meta.dirname, '../../packages');

/**
 * Writes the README's first TypeScript example into `<packageDir>/.tmp/` with `@synth/*` imports
 * pointed at the packages' sources, and returns the file path to `import()`.
 * @param {string} packageDir
 */
export function writeReadmeExample(packageDir) {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error(`${packageDir}/README.md has no \`\`\`ts example`);
  const code = match[1].replace(/from '@synth\/([a-z-]+)(\/[a-z-]+)?'/g, (_, name, subpath) =>
    `from '${join(packagesDir, name, 'src', subpath ? `${subpath.slice(1)}/index.ts` : 'index.ts')}'`);
  const dir = join(packageDir, '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'readme-example.ts');
  writeFileSync(file, `${code}\nexport {};\n`);
  return file;
}
