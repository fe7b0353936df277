// Minimal ambient types for jstat 1.9.6, which ships none (and there is no @types/jstat).
// Only what synth uses is declared. jstat is a UMD bundle that sets `module.exports = jStat`, so
// under ESM its default export is the jStat function object (it also has itself as `.jStat`).
declare module 'jstat' {
  interface JStatNormal {
    /** Inverse CDF of N(mean, std²): `−√2·std·erfcinv(2p) + mean`. */
    inv(p: number, mean: number, std: number): number;
    /** CDF of N(mean, std²): `0.5·(1 + erf((x − mean)/(√2·std)))`. */
    cdf(x: number, mean: number, std: number): number;
  }
  interface JStatStatic {
    readonly normal: JStatNormal;
  }
  const jStat: JStatStatic;
  export default jStat;
}
