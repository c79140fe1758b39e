package dev.homeostat.simulator.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the request rate reaching an entry service changes over time. {@link #rate(double, long)} is
 * the deterministic rate at a moment (base = the service's {@code requestsPerSecond}); the traffic
 * step adds the arrival noise on top (Poisson-like for every shape; exact Poisson counts for
 * {@link Poisson}). Pure: no randomness, no I/O (a CSV trace arrives already parsed, see
 * {@link Replay#parse}).
 */
public sealed interface WorkloadSpec {
    /** Requests per second at {@code tMillis} into the run, for a service whose nominal rate is {@code base}. */
    double rate(double base, long tMillis);

    /** The same rate all the time (the default). */
    record Constant() implements WorkloadSpec {
        @Override public double rate(double base, long tMillis) { return base; }
    }

    /**
     * A day-like wave: {@code base · (1 + amplitude · sin(2π (t + phase) / period))}. {@code amplitude}
     * in [0, 1] (0.5: between half and one and a half times the base), {@code phase} shifts the wave
     * (a quarter period puts the peak at t = 0).
     */
    record Diurnal(double amplitude, Duration period, Duration phase) implements WorkloadSpec {
        public Diurnal {
            if (!(amplitude >= 0 && amplitude <= 1)) throw new IllegalArgumentException("workload.amplitude: must be in [0, 1], was " + amplitude);
            period = period == null ? Duration.ofHours(24) : period;
            if (period.toMillis() < 1000) throw new IllegalArgumentException("workload.period: must be at least 1s, was " + period);
            phase = phase == null ? Duration.ZERO : phase;
        }

        @Override public double rate(double base, long tMillis) {
            double x = 2 * Math.PI * (tMillis + phase.toMillis()) / period.toMillis();
            return base * (1 + amplitude * Math.sin(x));
        }
    }

    /** A flash crowd: {@code multiplier} times the base during [at, at + duration), the base otherwise. */
    record FlashCrowd(Duration at, Duration duration, double multiplier) implements WorkloadSpec {
        public FlashCrowd {
            if (at == null || at.isNegative()) throw new IllegalArgumentException("workload.at: required, >= 0 (when the crowd arrives), was " + at);
            if (duration == null || duration.isNegative() || duration.isZero())
                throw new IllegalArgumentException("workload.duration: required, positive (how long the crowd stays), was " + duration);
            if (!(multiplier >= 0)) throw new IllegalArgumentException("workload.multiplier: must be >= 0, was " + multiplier);
        }

        @Override public double rate(double base, long tMillis) {
            long from = at.toMillis();
            return tMillis >= from && tMillis < from + duration.toMillis() ? base * multiplier : base;
        }
    }

    /**
     * A ramp: the rate rises linearly from the base to {@code multiplier} times it over {@code duration}
     * from {@code at}, then stays there; with a {@code hold}, after holding that long it comes back down
     * linearly over the same duration.
     */
    record Ramp(Duration at, Duration duration, double multiplier, Duration hold) implements WorkloadSpec {
        public Ramp {
            if (at == null || at.isNegative()) throw new IllegalArgumentException("workload.at: required, >= 0 (when the ramp begins), was " + at);
            if (duration == null || duration.isNegative() || duration.isZero())
                throw new IllegalArgumentException("workload.duration: required, positive (how long the rate takes to rise), was " + duration);
            if (!(multiplier >= 0) || Double.isInfinite(multiplier))
                throw new IllegalArgumentException("workload.multiplier: required, >= 0 (the rate at the top, in times the base), was " + multiplier);
            if (hold != null && hold.isNegative()) throw new IllegalArgumentException("workload.hold: must be >= 0 (how long the top lasts), was " + hold);
        }

        @Override public double rate(double base, long tMillis) {
            long from = at.toMillis(), rise = duration.toMillis(), top = from + rise;
            if (tMillis <= from) return base;
            if (tMillis < top) return base * (1 + (multiplier - 1) * (tMillis - from) / rise);
            if (hold == null) return base * multiplier;
            long down = top + hold.toMillis();
            if (tMillis <= down) return base * multiplier;
            if (tMillis < down + rise) return base * (multiplier - (multiplier - 1) * (tMillis - down) / rise);
            return base;
        }
    }

    /**
     * The base rate with exact Poisson arrival counts per second (whole requests), instead of the
     * fluid Poisson-like noise of the other shapes: for services with few requests per second, where
     * a continuous approximation hides the idle seconds.
     */
    record Poisson() implements WorkloadSpec {
        @Override public double rate(double base, long tMillis) { return base; }
    }

    /**
     * A request-rate trace: rate linearly interpolated between {@code points} (sorted by time, at
     * least one), held at the first point before it and at the last after it. {@code source} names
     * where it came from, for messages. The base rate is ignored: the trace gives absolute rates.
     */
    record Replay(String source, List<Point> points) implements WorkloadSpec {
        public Replay {
            source = source == null ? "trace" : source;
            if (points == null || points.isEmpty()) throw new IllegalArgumentException("workload.file: " + source + " has no data rows; give lines 'seconds,requestsPerSecond'");
            points = List.copyOf(points);
            for (int i = 1; i < points.size(); i++)
                if (points.get(i).atMillis() <= points.get(i - 1).atMillis())
                    throw new IllegalArgumentException("workload.file: " + source + ": times must increase, row " + (i + 1) + " is at "
                            + points.get(i).atMillis() + " ms after " + points.get(i - 1).atMillis() + " ms");
        }

        @Override public double rate(double base, long tMillis) {
            // binary search for the last point at or before t
            int lo = 0, hi = points.size() - 1;
            if (tMillis <= points.getFirst().atMillis()) return points.getFirst().requestsPerSecond();
            if (tMillis >= points.getLast().atMillis()) return points.getLast().requestsPerSecond();
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (points.get(mid).atMillis() <= tMillis) lo = mid; else hi = mid;
            }
            Point a = points.get(lo), b = points.get(hi);
            double f = (double) (tMillis - a.atMillis()) / (b.atMillis() - a.atMillis());
            return a.requestsPerSecond() + f * (b.requestsPerSecond() - a.requestsPerSecond());
        }

        /**
         * Parses a CSV trace: one {@code seconds,requestsPerSecond} row per line (seconds from the
         * start of the run, may be fractional), blank lines and {@code #} comments skipped, a first
         * line of column names allowed. A bad line fails naming {@code source} and the line number.
         */
        public static Replay parse(String source, List<String> lines) {
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] cells = line.split("[,;\t]");
                boolean header = points.isEmpty() && cells.length > 0 && !cells[0].isBlank()
                        && !Character.isDigit(cells[0].strip().charAt(0)) && cells[0].strip().charAt(0) != '.';
                if (header) continue;
                String where = source + " line " + (i + 1);
                if (cells.length != 2)
                    throw new IllegalArgumentException(where + ": expected 2 columns 'seconds,requestsPerSecond', found " + cells.length + " in '" + line + "'");
                double seconds, rps;
                try {
                    seconds = Double.parseDouble(cells[0].strip());
                    rps = Double.parseDouble(cells[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": not a number in '" + line + "'; write e.g. '60,120.5'");
                }
                if (!(seconds >= 0) || Double.isInfinite(seconds)) throw new IllegalArgumentException(where + ": seconds must be >= 0, was " + cells[0].strip());
                if (!(rps >= 0) || Double.isInfinite(rps)) throw new IllegalArgumentException(where + ": requestsPerSecond must be >= 0, was " + cells[1].strip());
                long at = Math.round(seconds * 1000);
                if (!points.isEmpty() && at <= points.getLast().atMillis())
                    throw new IllegalArgumentException(where + ": time " + cells[0].strip() + " s is not after the previous row; sort the rows by time");
                points.add(new Point(at, rps));
            }
            return new Replay(source, points);
        }
    }

    /** One row of a trace: {@code requestsPerSecond} at {@code atMillis} into the run. */
    record Point(long atMillis, double requestsPerSecond) {
        public Point {
            if (atMillis < 0) throw new IllegalArgumentException("atMillis: must be >= 0, was " + atMillis);
            if (!(requestsPerSecond >= 0)) throw new IllegalArgumentException("requestsPerSecond: must be >= 0, was " + requestsPerSecond);
        }

        @Override public String toString() { return String.format(Locale.ROOT, "%d ms: %.3f/s", atMillis, requestsPerSecond); }
    }
}
