package dev.homeostat.testbed.observe;

import dev.homeostat.remediation.slo.BurnRateAlert;
import dev.homeostat.remediation.slo.Healing;
import dev.homeostat.remediation.slo.SloObjective;
import dev.homeostat.reports.journal.JournalEvent;
import dev.homeostat.reports.journal.JournalEvent.PageSource;
import dev.homeostat.reports.journal.JournalEvent.PageState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The pages a team gets from its SLO alerts, with or without the engine: the Google SRE workbook's multi-window,
 * multi-burn-rate page alerts ({@link BurnRateAlert#WORKBOOK}, as {@code homeostat rules} ships them) evaluated every
 * rule interval on each service's SLO counters, and routed as Alertmanager routes them — grouped by service, the
 * first notification {@code groupWait} after the group's first alert fires, changes notified at most every
 * {@code groupInterval}, an unchanged firing group re-sent every {@code repeatInterval}. A group's first notification
 * is a page (a new pager incident); later notifications of the still-open group update it; it resolves when its
 * last alert stops firing.
 *
 * <p>The bad-request shares come from {@link SloSeries}, the SLO recording rules.
 *
 * <p>An inhibit rule holds a service's page back while the engine is healing it or its own page stands for it ({@link Healing}; the shipped
 * Alertmanager config inhibits {@code SLOErrorBudgetBurn} while {@code HomeostatHealing} fires for the same service):
 * a group whose alerts fire while inhibited opens no page; when the inhibition ends and they still fire, the page goes
 * out at once (its group wait has passed). A page already open is not touched by it.
 */
public final class SloPager {
    private final SloSeries slo;
    private final Observation observation;
    private final Consumer<JournalEvent.Paged> out;
    private final List<Group> groups = new ArrayList<>();
    private final List<BurnRateAlert> alerts;
    private final Healing healing;

    /** The page alerts of the workbook's table: what the pager hears. */
    public static final List<BurnRateAlert> PAGE_ALERTS = BurnRateAlert.WORKBOOK.stream().filter(BurnRateAlert::pages).toList();

    /** One Alertmanager group: a service, its alerts' states, and its pager incident. */
    private static final class Group {
        final SloSeries.Service service;
        /** Per objective × alert: when its condition began to hold (Long.MIN_VALUE: it does not). */
        final long[] holdingSince;
        final boolean[] firing;
        int firingCount;
        long firstFiringAt = Long.MIN_VALUE;
        long lastNotified = Long.MIN_VALUE;
        boolean open, changed;
        int pages;
        String key;

        Group(SloSeries.Service service, int alerts) {
            this.service = service;
            holdingSince = new long[service.objectives.size() * alerts];
            java.util.Arrays.fill(holdingSince, Long.MIN_VALUE);
            firing = new boolean[holdingSince.length];
        }
    }

    /** {@code healing}: the engine's, to inhibit pages while it heals; null without an engine (nothing is inhibited). */
    public SloPager(SloSeries slo, Observation observation, Consumer<JournalEvent.Paged> out, Healing healing) {
        this.slo = slo;
        this.observation = observation;
        this.out = out;
        this.healing = healing;
        this.alerts = PAGE_ALERTS;
        for (SloSeries.Service s : slo.services()) groups.add(new Group(s, alerts.size()));
    }

    /** Evaluates the page alerts and routes them; call at every rule evaluation, after {@link SloSeries#record}. */
    void evaluate(long now) {
        for (Group g : groups) {
            boolean changed = false;
            for (int o = 0; o < g.service.objectives.size(); o++) {
                SloObjective objective = g.service.objectives.get(o);
                int bad = SloSeries.Service.bad(objective);
                for (int a = 0; a < alerts.size(); a++) {
                    BurnRateAlert alert = alerts.get(a);
                    int i = o * alerts.size() + a;
                    boolean burning = alert.burning(g.service.ratio(now, alert.longWindow().toMillis(), bad),
                            g.service.ratio(now, alert.shortWindow().toMillis(), bad), objective.budget());
                    if (!burning) g.holdingSince[i] = Long.MIN_VALUE;
                    else if (g.holdingSince[i] == Long.MIN_VALUE) g.holdingSince[i] = now;
                    boolean fires = burning && now - g.holdingSince[i] >= alert.forDuration().toMillis();
                    if (fires != g.firing[i]) {
                        g.firing[i] = fires;
                        g.firingCount += fires ? 1 : -1;
                        changed = true;
                    }
                }
            }
            route(g, now, changed);
        }
    }

    private void route(Group g, long now, boolean changed) {
        if (changed) g.changed = true;
        if (g.firingCount > 0 && g.firstFiringAt == Long.MIN_VALUE) g.firstFiringAt = now;
        if (!g.open) {
            if (g.firingCount == 0) {
                g.firstFiringAt = Long.MIN_VALUE;
                return;
            }
            if (now - g.firstFiringAt < observation.groupWait().toMillis()) return;
            if (healing != null && healing.healing(g.service.ref, now)) return;
            g.open = true;
            g.key = g.service.ref + "#" + (++g.pages);
            notify(g, now, PageState.FIRING);
            return;
        }
        if (g.firingCount == 0) {
            if (now - g.lastNotified < observation.groupInterval().toMillis()) return;
            notify(g, now, PageState.RESOLVED);
            g.open = false;
            g.firstFiringAt = Long.MIN_VALUE;
            return;
        }
        long since = now - g.lastNotified;
        if ((g.changed && since >= observation.groupInterval().toMillis()) || since >= observation.repeatInterval().toMillis())
            notify(g, now, PageState.UPDATE);
    }

    private void notify(Group g, long now, PageState state) {
        g.lastNotified = now;
        g.changed = false;
        out.accept(new JournalEvent.Paged(now, PageSource.ALERTMANAGER, g.key, state, g.service.ref, g.service.ref, describe(g, state)));
    }

    private String describe(Group g, PageState state) {
        if (state == PageState.RESOLVED) return "SLO alerts of " + g.service.ref + " resolved";
        List<String> firing = new ArrayList<>();
        for (int o = 0; o < g.service.objectives.size(); o++)
            for (int a = 0; a < alerts.size(); a++)
                if (g.firing[o * alerts.size() + a]) {
                    BurnRateAlert alert = alerts.get(a);
                    firing.add(String.format(Locale.ROOT, "%s budget burning %sx over %s and %s", g.service.objectives.get(o).label(),
                            trim(alert.factor()), alert.longWindow().toString().substring(2).toLowerCase(Locale.ROOT),
                            alert.shortWindow().toString().substring(2).toLowerCase(Locale.ROOT)));
                }
        return "SLOErrorBudgetBurn " + g.service.ref + ": " + String.join("; ", firing);
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
