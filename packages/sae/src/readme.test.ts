import { expect, it, vi } from 'vitest';
import { writeReadmeExample } from '@synth/vitest-config/readme';

it('README example runs', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import(/* @vite-ignore */ writeReadmeExample(new URL('..', import.meta.url).pathname));
  expect(log).toHaveBeenCalled();
  log.mockRestore();
});
