package dev.homeostat.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.model.EngineEvent;
import org.junit.jupiter.api.Test;

/** spec.paging: the engine's page waits for the burn a page needs, and goes out once it is reached. */
class PagingSeverityTest {
    private static Harness harness() { return harness("  paging: {signal: svc-errors, minBurnRate: 6}\n"); }

    private static Harness harness(String paging) {
        var h = new Harness(paging + """
                  rules:
                    - name: page-if-it-persists
                      match: {signals: [svc-errors]}
                      actions: [wait, page]
                      verifyAfter: 1m
                """);
        h.cluster.deployment("checkout", 2);
        return h;
    }

    @Test
    void aBurnBelowTheRate_isHeldBack_withItsPeak_andPagesOnceTheBurnReachesIt() {
        var h = harness();
        h.sampleEvery15s("svc_errors", Harness.service("checkout"), 15, 240, 2.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.journal.of(EngineEvent.ActionTaken.class)).filteredOn(a -> "severity".equals(a.guard())).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("below the 6× a page needs").contains("peak 2.00× on service/default/checkout"));
        assertThat(h.engine.incidents()).as("the incident whose page is held stays while it alerts").hasSize(1);

        h.clock.set(255_000);
        h.sampleAndTick("svc_errors", Harness.service("checkout"), 7.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(EngineEvent.PageState.FIRING));
    }

    @Test
    void aBurnThatStaysBelowTheRate_andEnds_pagesNobody_andTheIncidentEnds() {
        var h = harness();
        h.sampleEvery15s("svc_errors", Harness.service("checkout"), 15, 240, 2.0);
        h.sampleEvery15s("svc_errors", Harness.service("checkout"), 255, 480, 0.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.engine.incidents()).isEmpty();
    }

    @Test
    void withSloPageAlerts_thePageWaitsForAPageAlertsConditionOnTheService_readFromItsPageBurn() {
        var h = harness("  paging: {when: slo-page-alerts}\n");
        var checkout = new java.util.HashMap<>(Harness.service("checkout"));
        checkout.put("slo", "availability");
        checkout.put("long_window", "1h");
        checkout.put("short_window", "5m");
        for (long s = 15; s <= 240; s += 15) {
            h.metrics.add(dev.homeostat.remediation.slo.SloAlertRules.PAGE_BURN, checkout, s * 1000, 0.5);
            h.clock.set(s * 1000);
            h.sampleAndTick("svc_errors", Harness.service("checkout"), 9.0); // a burn far past 6×, over too short a time
        }
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.journal.of(EngineEvent.ActionTaken.class)).filteredOn(a -> "severity".equals(a.guard())).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("no SLO page alert of service/default/checkout would fire")
                        .contains("peaked at 0.50").contains("14.4× over both 1h and 5m, or 6× over both 6h and 30m"));

        h.metrics.add(dev.homeostat.remediation.slo.SloAlertRules.PAGE_BURN, checkout, 255_000, 1.1);
        h.clock.set(255_000);
        h.sampleAndTick("svc_errors", Harness.service("checkout"), 9.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(EngineEvent.PageState.FIRING));
    }

    @Test
    void whileTheTeamsPageForTheServiceIsOpen_theEnginesPageIsHeld_andGoesOutIfTheIncidentOutlastsIt() {
        var h = harness("");
        h.engine.teamPage("service/default/checkout", "service/default/checkout#1", true);
        h.sampleEvery15s("svc_errors", Harness.service("checkout"), 15, 240, 9.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).isEmpty();
        assertThat(h.journal.of(EngineEvent.ActionTaken.class)).filteredOn(a -> "paged".equals(a.guard())).singleElement()
                .satisfies(a -> assertThat(a.detail()).contains("the team's SLO page for service/default/checkout is open"));

        h.engine.teamPage("service/default/checkout", "service/default/checkout#1", false);
        h.clock.set(255_000);
        h.sampleAndTick("svc_errors", Harness.service("checkout"), 9.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).singleElement()
                .satisfies(p -> assertThat(p.state()).isEqualTo(EngineEvent.PageState.FIRING));
    }

    @Test
    void withoutPaging_thePageGoesOutAtAnyBurn() {
        var h = harness("");
        h.sampleEvery15s("svc_errors", Harness.service("checkout"), 15, 240, 2.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).hasSize(1);
    }
}
