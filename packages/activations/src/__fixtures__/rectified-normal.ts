/**
 * Exact moments of a rectified normal `X = max(0, μ + σZ)`, Z ~ N(0, 1), for the magnitude tests.
 * With t = μ/σ, Φ the normal CDF and φ its density:
 *   E[X]  = μΦ(t) + σφ(t)
 *   E[X²] = (μ² + σ²)Φ(t) + μσφ(t)
 * (integrate x and x² against the normal density over x > 0). σ = 0 gives the point max(0, μ).
 */
import { normalCdf } from '@synth/core';

/** Mean and variance of `max(0, μ + σZ)`. */
export function rectifiedNormalMoments(mean: number, std: number): { mean: number; variance: number; secondMoment: number } {
  if (std === 0) {
    const value = Math.max(0, mean);
    return { mean: value, variance: 0, secondMoment: value * value };
  }
  const t = mean / std;
  const cdf = normalCdf(t);
  const density = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  const first = mean * cdf + std * density;
  const second = (mean * mean + std * std) * cdf + mean * std * density;
  return { mean: first, variance: second - first * first, secondMoment: second };
}
