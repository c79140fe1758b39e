/**
 * {@code homeostat detect eval}: scoring detectors on labelled NAB data (Numenta Anomaly Benchmark) with
 * NAB's own protocol, i.e. on series this project did not generate, comparably with NAB's scoreboard.
 *
 * <h2>Flow</h2>
 * {@link dev.homeostat.testbed.detect.NabDataset#load} reads {@code data/<folder>/<file>.csv} and
 * {@code labels/combined_windows.json}; {@link dev.homeostat.testbed.detect.NabEvaluation} makes a fresh
 * detector per series and candidate, feeds it every row in file order as
 * {@code observe(timeMillis, new double[] {value})} and keeps each verdict's {@code anomalyScore} (NAB's
 * view) and {@code anomalous} flag (the engine's); {@link dev.homeostat.testbed.detect.NabScorer} sweeps
 * the threshold per profile with {@link dev.homeostat.testbed.detect.NabSweeper} and normalises by the
 * null detector; {@link dev.homeostat.testbed.detect.NabReport} renders Markdown and
 * {@link dev.homeostat.testbed.detect.NabExport} writes NAB's results layout.
 *
 * <p>The rules are NAB's {@code nab/sweeper.py}, {@code nab/optimizer.py} and {@code nab/runner.py};
 * the package README states them and {@code detectors/README.md} every remaining deviation.
 */
package dev.homeostat.testbed.detect;
