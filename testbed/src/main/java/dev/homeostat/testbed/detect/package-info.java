/**
 * {@code homeostat detect eval}: scoring detectors on labelled NAB data (Numenta Anomaly Benchmark),
 * i.e. on series this project did not generate.
 *
 * <h2>Flow</h2>
 * {@link dev.homeostat.testbed.detect.NabDataset#load} reads {@code data/<folder>/<file>.csv} and
 * {@code labels/combined_windows.json}; {@link dev.homeostat.testbed.detect.NabEvaluation} makes a fresh
 * detector per series ({@link dev.homeostat.testbed.detect.DetectorFactory}), feeds it every row in time
 * order as {@code observe(timeMillis, new double[] {value})}, takes {@code verdict.anomalous()} as the
 * alarm flag of the row, and hands the flags to {@link dev.homeostat.testbed.detect.NabScoring};
 * {@link dev.homeostat.testbed.detect.NabReport} renders Markdown tables.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>Rows of a window.</b> A window {@code [start, end]} covers the rows whose timestamps lie in it,
 *     both ends included; {@code left}/{@code right} are its first/last row and {@code width} its row count.
 *     A window must cover at least one row; windows must not overlap.</li>
 * <li><b>Probation.</b> The first {@code min(floor(0.15 n), 750)} rows of a series of {@code n} rows are
 *     probationary: the detector sees them (to warm up) but their alarms are ignored by every metric.
 *     A window can only be detected by a scored (post-probation) alarm.</li>
 * <li><b>Alarm.</b> A scored row whose verdict is anomalous. An <i>alarm event</i> is a maximal run of
 *     consecutive alarm rows.</li>
 * <li><b>Event-wise precision / recall / F1.</b> An event matches when any of its rows lies in a window.
 *     A window is detected by its earliest alarm. Precision = matched events / events; recall =
 *     detected windows / windows; F1 their harmonic mean (no point adjustment). In the tables TP =
 *     detected windows, FP = events matching no window, FN = missed windows. Undefined ratios (no
 *     events, no windows) print as {@code n/a}. Overall figures pool the counts of all series.</li>
 * <li><b>Delay.</b> For each detected window: timestamp of its earliest alarm − the window's labelled
 *     start, in minutes; median and p90 by linear interpolation (numpy's default).</li>
 * <li><b>False alarms per day.</b> Alarm events on anomaly-free series (no windows) / their scored time
 *     (first scored row to last row), in days.</li>
 * <li><b>Alarm %.</b> Alarm rows / scored rows, over the corpus: event counts cannot see an alarm held for
 *     hours, so this sits beside them (the {@code always} baseline is one event per file).</li>
 * <li><b>NAB score.</b> With {@code σ(y) = 2/(1+e^{5y}) − 1} for {@code y ≤ 3}, else {@code −1}, and a
 *     profile's weights {@code (tp, fp, fn)}: the earliest scored alarm in a window scores
 *     {@code tp·σ(−(right − i + 1)/width)} (so {@code tp·σ(−1) ≈ 0.9866·tp} at the window's first row,
 *     {@code tp·σ(−1/width)} at its last); later alarms in the same window score 0; an alarm row
 *     {@code i} outside every window scores {@code fp·σ(|prevRight − i|/(prevWidth − 1))} when a window
 *     precedes it ({@code prevWidth − 1} is taken as 1 for a one-row window, where NAB would divide by
 *     zero), and {@code −fp} when none does; each missed window scores {@code −fn}. Alarms are counted
 *     per row here, not per event, as in NAB. Profiles ({@link dev.homeostat.testbed.detect.NabProfile}):
 *     standard (1, 0.11, 1), reward_low_FP (1, 0.22, 1), reward_low_FN (1, 0.11, 2).</li>
 * <li><b>Normalisation.</b> Per profile over the whole corpus, {@code 100 × (raw − null)/(perfect − null)}
 *     where raw sums all series, null = no alarms at all ({@code −fn} per window) and perfect = every
 *     window detected at its first row ({@code tp·σ(−1)} per window): 0 = silent, 100 = perfect, and
 *     negative when false positives cost more than the detections earn. Unlike NAB's own runner there is
 *     no threshold sweep: the detector's own {@code anomalous} flag is the alarm.</li>
 * <li><b>Baselines.</b> {@code random}: every row alarms with probability 0.01, drawn from a
 *     SplittableRandom seeded per series; {@code always}: every row alarms.</li>
 * <li><b>Seeds.</b> Each series gets {@code seriesSeed(runSeed, name)}, mixed from the run's seed and the
 *     series name: the same for every detector, and unchanged when files join or leave the corpus.</li>
 * </ul>
 *
 * <h2>Data and labels</h2>
 * Files are {@code folder/file.csv} one level below the data folder, with the header
 * {@code timestamp,value} and timestamps {@code YYYY-MM-DD HH:MM:SS} (UTC), in time order. A file whose
 * labels are {@code []} is anomaly-free. A data file without a labels entry is an error (naming the
 * files); a labelled file missing from a data folder that exists is an error; a labelled folder absent
 * from the data altogether is skipped with a note, so the full labels file works with a subset of the
 * benchmark.
 */
package dev.homeostat.testbed.detect;
