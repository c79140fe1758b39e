package dev.homeostat.remediation.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tick's pods found by name: the list's first pod of that name, whether the lookup walks the list or its index. */
class TickPodsTest {
    private static PodInfo pod(String namespace, String name, String deployment) {
        return new PodInfo(namespace, name, deployment, "node-1", true, 0, 0);
    }

    @Test
    void everyLookup_answersTheListsFirstPodOfThatName_beforeAndAfterTheIndex() {
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 0; i < 50; i++) pods.add(pod("ns", "p" + i, "first"));
        pods.add(pod("ns", "p7", "second")); // a name listed twice: the first wins
        pods.add(pod("other", "p7", "elsewhere"));
        pods.add(pod(null, "p9", "no-namespace"));
        int[] listed = {0};
        var tick = new TickPods(() -> {
            listed[0]++;
            return pods;
        });
        for (int round = 0; round < 3 * TickPods.WALKS; round++) {
            assertThat(tick.find("ns", "p7").deployment()).as("lookup %d", round).isEqualTo("first");
            assertThat(tick.find("other", "p7").deployment()).isEqualTo("elsewhere");
            assertThat(tick.find(null, "p9").deployment()).isEqualTo("no-namespace");
            assertThat(tick.find("ns", "p9").deployment()).isEqualTo("first");
            assertThat(tick.find("ns", "missing")).isNull();
        }
        assertThat(listed[0]).as("listed once per tick").isEqualTo(1);
        assertThat(tick.get()).isSameAs(pods);
    }
}
