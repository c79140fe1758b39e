package dev.homeostat.chaos;

import dev.homeostat.units.GoDuration;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Chaos Mesh {@code Schedule.spec.schedule} as robfig/cron's standard parser (which Chaos Mesh uses) reads it:
 * 5 fields (minute hour day-of-month month day-of-week; {@code *}, {@code ?}, lists, ranges, steps, month and day
 * names), the descriptors {@code @yearly}/{@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}/{@code
 * @midnight}, {@code @hourly}, {@code @every <Go duration>} (at least 1s), and a leading {@code CRON_TZ=<zone>} or
 * {@code TZ=<zone>}. Virtual time 0 is {@link #RUN_START}, Monday 2024-01-01 00:00 UTC; a zone reads the fields on
 * that zone's wall clock. When both day fields are restricted, a day matching either one fires, as in cron.
 */
public final class Cron {
    /** The wall-clock instant virtual time 0 stands for (UTC). */
    public static final LocalDateTime RUN_START = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final Instant START = RUN_START.toInstant(ZoneOffset.UTC);
    /** How far ahead a field cron is searched for its next firing (a cron such as 0 0 30 2 * never fires). */
    private static final long SEARCH_MINUTES = 8L * 366 * 24 * 60;
    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final Duration every;
    private final BitSet minutes, hours, daysOfMonth, months, daysOfWeek;
    private final boolean domStar, dowStar;
    private final ZoneId zone;

    private Cron(Duration every, BitSet[] f, boolean domStar, boolean dowStar, ZoneId zone) {
        this.every = every;
        this.minutes = f == null ? null : f[0];
        this.hours = f == null ? null : f[1];
        this.daysOfMonth = f == null ? null : f[2];
        this.months = f == null ? null : f[3];
        this.daysOfWeek = f == null ? null : f[4];
        this.domStar = domStar;
        this.dowStar = dowStar;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException naming the field and the fix */
    public static Cron parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty schedule; write 5 cron fields such as */10 * * * * or @every 10m");
        String s = text.strip();
        ZoneId zone = ZoneOffset.UTC;
        if (s.startsWith("CRON_TZ=") || s.startsWith("TZ=")) {
            int space = s.indexOf(' ');
            String name = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
            try {
                zone = ZoneId.of(name);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("unknown time zone \"" + name + "\"; use an IANA name such as Europe/Berlin or UTC");
            }
            if (space < 0) throw new IllegalArgumentException("\"" + text + "\" has a time zone but no schedule; write e.g. CRON_TZ=" + name + " 0 9 * * *");
            s = s.substring(space + 1).strip();
        }
        if (s.startsWith("@every")) {
            String d = s.substring("@every".length()).strip();
            Duration every = GoDuration.parse(d);
            if (every.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("@every " + d + ": the interval must be at least 1s");
            return new Cron(every, null, true, true, zone);
        }
        if (s.startsWith("@")) {
            String expanded = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
            if (expanded == null) throw new IllegalArgumentException("unknown descriptor " + s + "; use one of @yearly, @monthly, @weekly, @daily, @hourly or @every <duration>");
            s = expanded;
        }
        String[] parts = s.split("\\s+");
        if (parts.length != 5)
            throw new IllegalArgumentException("\"" + text + "\" has " + parts.length + " fields; write 5: minute hour day-of-month month day-of-week, e.g. */10 * * * *");
        BitSet[] f = {
                field("minute", parts[0], 0, 59, List.of()), field("hour", parts[1], 0, 23, List.of()),
                field("day-of-month", parts[2], 1, 31, List.of()), field("month", parts[3], 1, 12, MONTHS),
                field("day-of-week", parts[4], 0, 7, DAYS)};
        if (f[4].get(7)) f[4].set(0); // 7 is Sunday too
        return new Cron(null, f, parts[2].equals("*") || parts[2].equals("?"), parts[4].equals("*") || parts[4].equals("?"), zone);
    }

    /**
     * The first firing strictly after {@code afterMs} (virtual ms), or {@link Long#MAX_VALUE} if there is none within
     * eight years (a cron that never fires, such as {@code 0 0 30 2 *}).
     */
    public long next(long afterMs) {
        if (every != null) return afterMs + every.toMillis();
        long minute = Math.floorDiv(afterMs, 60_000) + 1;
        for (long m = minute; m < minute + SEARCH_MINUTES; ) {
            ZonedDateTime at = START.plusSeconds(m * 60).atZone(zone);
            if (!months.get(at.getMonthValue()) || !dayMatches(at)) {
                m += 24 * 60 - (at.getHour() * 60L + at.getMinute());
                continue;
            }
            if (!hours.get(at.getHour())) {
                m += 60 - at.getMinute();
                continue;
            }
            if (minutes.get(at.getMinute())) return m * 60_000;
            m++;
        }
        return Long.MAX_VALUE;
    }

    /** Fire times in ms of virtual time, strictly after {@code afterMs} and at most {@code untilMs}; at most {@code max + 1} of them. */
    public List<Long> fires(long afterMs, long untilMs, int max) {
        List<Long> out = new ArrayList<>();
        for (long t = next(afterMs); t <= untilMs && out.size() <= max; t = next(t)) out.add(t);
        return out;
    }

    private boolean dayMatches(ZonedDateTime at) {
        boolean dom = daysOfMonth.get(at.getDayOfMonth());
        boolean dow = daysOfWeek.get(at.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : at.getDayOfWeek().getValue());
        if (domStar || dowStar) return dom && dow;
        return dom || dow;
    }

    private static BitSet field(String name, String text, int min, int max, List<String> names) {
        BitSet bits = new BitSet(max + 1);
        for (String item : text.split(",")) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = step(name, item.substring(slash + 1));
            }
            int lo, hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max == 7 ? 6 : max;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                lo = number(name, ab[0], min, max, names);
                hi = number(name, ab[1], min, max, names);
                if (hi < lo) throw new IllegalArgumentException(name + " range " + range + " runs backwards; write low-high");
            } else {
                lo = number(name, range, min, max, names);
                hi = slash >= 0 ? (max == 7 ? 6 : max) : lo;
            }
            for (int v = lo; v <= hi; v += step) bits.set(v);
        }
        return bits;
    }

    /**
     * A range's step: any positive whole number, as robfig/cron (Chaos Mesh's parser) takes it; one past the range
     * keeps only its start ({@code *}{@code /60} in minutes fires at minute 0 of every hour).
     */
    private static int step(String field, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) return v;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(field + " step \"" + text + "\" is not a positive whole number; write e.g. */15");
    }

    private static int number(String field, String text, int min, int max, List<String> names) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) return names == MONTHS ? named + 1 : named;
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(field + " \"" + text + "\" is not a number in " + min + ".." + max
                + (names.isEmpty() ? "" : " or one of " + names));
    }
}
