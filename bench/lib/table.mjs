// The comparison table: one row per workload from synth's and SAELens's pooled results.
import { WORKLOADS } from './workloads.mjs';

const gib = (bytes) => (bytes ? `${(bytes / 2 ** 30).toFixed(2)}` : '—');
const secs = (r) => (r.median === null || r.median === undefined ? `— (${r.error ?? 'no runs'})` : `${fmt(r.median)} (±${(50 * r.spread).toFixed(0)} %, n ${r.seconds.length})`);
const fmt = (s) => (s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s.toFixed(3));

/** One comparison row: ratio, goal verdict and what else the goal checks. */
export function row(name, synth, peer) {
  const goal = WORKLOADS[name].goal;
  const ratio = synth.median && peer.median ? synth.median / peer.median : null;
  const checks = [];
  // Sizes changed with --set are named, so a row never passes for the issue's full size.
  const full = WORKLOADS[name].sizes.full;
  const changed = Object.entries(synth.params ?? {}).filter(([key, value]) => full[key] !== value);
  if (synth.size === 'smoke') checks.push('smoke sizes');
  else if (changed.length > 0) checks.push(`with ${changed.map(([key, value]) => `${key} = ${value}`).join(', ')}`);
  let met = ratio !== null && ratio <= goal.ratio;
  if (goal.mccTolerance !== undefined && synth.metrics?.mcc !== undefined && peer.metrics?.mcc !== undefined) {
    const gap = Math.abs(synth.metrics.mcc - peer.metrics.mcc);
    checks.push(`MCC ${synth.metrics.mcc.toFixed(4)} vs ${peer.metrics.mcc.toFixed(4)}`);
    met &&= gap <= goal.mccTolerance;
  }
  if (goal.peakRssGiB !== undefined) {
    checks.push(`synth peak RSS ${gib(synth.peakRssBytes)} GiB (goal ≤ ${goal.peakRssGiB})`);
    met = (ratio === null || ratio <= goal.ratio) && synth.peakRssBytes > 0 && synth.peakRssBytes <= goal.peakRssGiB * 2 ** 30;
    if (ratio === null) met = false;
  }
  if (synth.samplesPerSecond) checks.push(`${Math.round(synth.samplesPerSecond)} vs ${Math.round(peer.samplesPerSecond ?? 0)} samples/s`);
  if (peer.error) checks.push(`SAELens: ${peer.error}`);
  if (synth.error) checks.push(`synth: ${synth.error}`);
  return { workload: name, ratio, goal: goal.ratio, met, checks };
}

export function table(rows, results) {
  const lines = [
    '| workload | synth s (±½ range, n) | SAELens s (±½ range, n) | synth / SAELens | goal | met | peak RSS synth / SAELens GiB | notes |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const { synth, peer } = results[r.workload];
    lines.push(
      `| ${r.workload} | ${secs(synth)} | ${secs(peer)} | ${r.ratio === null ? '—' : r.ratio.toFixed(2)} | ≤ ${r.goal} | ${r.met ? 'yes' : 'no'} | ${gib(synth.peakRssBytes)} / ${gib(peer.peakRssBytes)} | ${r.checks.join('; ')} |`,
    );
  }
  return lines.join('\n');
}

