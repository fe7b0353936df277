import { listAvailableBackends } from '@synth/core';

/** Prints the backends that load on this machine. */
export async function runInfo(options: { json: boolean }): Promise<void> {
  const backends = await listAvailableBackends();
  const info = { node: process.version, backends };
  if (options.json) console.log(JSON.stringify(info));
  else console.log(`node ${info.node}\nbackends available: ${backends.join(', ')}`);
}
