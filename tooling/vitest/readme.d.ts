/** Writes a package README's first ```ts example to a temp module and returns its path. */
export function writeReadmeExample(packageDir: string): string;
