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
    void withoutPaging_thePageGoesOutAtAnyBurn() {
        var h = harness("");
        h.sampleEvery15s("svc_errors", Harness.service("checkout"), 15, 240, 2.0);
        assertThat(h.journal.of(EngineEvent.Paged.class)).hasSize(1);
    }
}
