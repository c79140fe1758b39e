package dev.homeostat.remediation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homeostat.remediation.fakes.Harness;
import dev.homeostat.remediation.slo.BurnRateAlert;
import org.junit.jupiter.api.Test;

/** {@code spec.paging}: read, defaulted, and refused with the field and the fix. */
class PagingTest {
    @Test
    void paging_isRead_itsRateDefaultsToTheWorkbooksSlowestPageAlert_andAbsentNothingIsHeld() {
        assertThat(Harness.parse("  paging: {signal: svc-errors, minBurnRate: 14.4}\n").paging()).isEqualTo(new Paging.BurnRate("svc-errors", 14.4));
        assertThat(Harness.parse("  paging: {signal: svc-errors}\n").paging()).isEqualTo(new Paging.BurnRate("svc-errors", Defaults.PAGE_BURN_RATE));
        assertThat(Defaults.PAGE_BURN_RATE).isEqualTo(BurnRateAlert.WORKBOOK.stream().filter(BurnRateAlert::pages)
                .mapToDouble(BurnRateAlert::factor).min().orElseThrow());
        assertThat(Harness.parse("  rules: []\n").paging()).isNull();
        assertThat(Harness.parse("  paging: {when: slo-page-alerts}\n").paging()).isEqualTo(new Paging.SloPageAlerts());
    }

    @Test
    void badPaging_namesTheFieldAndTheFix() {
        assertThatThrownBy(() -> Harness.parse("  paging: {signal: slo-burn}\n"))
                .hasMessageContaining("spec.paging.signal: no signal 'slo-burn'; name the signal that reads the SLO burn rate");
        assertThatThrownBy(() -> Harness.parse("  paging: {signal: mem}\n"))
                .hasMessageContaining("spec.paging.signal: 'mem' must have target: service");
        assertThatThrownBy(() -> Harness.parse("  paging: {signal: svc-errors, minBurnRate: 0}\n"))
                .hasMessageContaining("spec.paging.minBurnRate: must be a number > 0");
        assertThatThrownBy(() -> Harness.parse("  paging: {signal: svc-errors, burn: 6}\n"))
                .hasMessageContaining("spec.paging");
        assertThatThrownBy(() -> Harness.parse("  paging: {when: always}\n"))
                .hasMessageContaining("spec.paging.when: 'always' is not a paging condition; write when: slo-page-alerts");
        assertThatThrownBy(() -> Harness.parse("  paging: {when: slo-page-alerts, minBurnRate: 6}\n"))
                .hasMessageContaining("spec.paging.when: give either when or signal/minBurnRate, not both");
        assertThatThrownBy(() -> Harness.parse("  paging: {}\n"))
                .hasMessageContaining("spec.paging: give when: slo-page-alerts, or signal:");
    }
}
