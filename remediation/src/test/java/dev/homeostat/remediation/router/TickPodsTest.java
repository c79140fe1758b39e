package dev.homeostat.remediation.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.port.ClusterView;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        }, null);
        for (int round = 0; round < 3 * TickPods.WALKS; round++) {
            assertThat(tick.pod("ns", "p7").deployment()).as("lookup %d", round).isEqualTo("first");
            assertThat(tick.pod("other", "p7").deployment()).isEqualTo("elsewhere");
            assertThat(tick.pod(null, "p9").deployment()).isEqualTo("no-namespace");
            assertThat(tick.pod("ns", "p9").deployment()).isEqualTo("first");
            assertThat(tick.pod("ns", "missing")).isNull();
        }
        assertThat(listed[0]).as("listed once per tick").isEqualTo(1);
        assertThat(tick.get()).isSameAs(pods);
    }

    @Test
    void aViewThatAnswersByName_isAsked_untilAnActionIsAboutToRun_thenTheTickKeepsThePodsAsTheyWere() {
        List<PodInfo> pods = new ArrayList<>(List.of(pod("ns", "a", "web"), pod("ns", "b", "web"), pod("ns", "c", "db")));
        int[] listed = {0};
        int[] asked = {0};
        ClusterView view = new ClusterView() {
            @Override public List<PodInfo> pods() {
                listed[0]++;
                return List.copyOf(pods);
            }

            @Override public List<DeploymentInfo> deployments() { return List.of(); }

            @Override public boolean answersByName() { return true; }

            @Override public Optional<PodInfo> pod(String namespace, String name) {
                asked[0]++;
                return pods.stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).findFirst();
            }

            @Override public List<PodInfo> podsOf(String namespace, String deployment) {
                asked[0]++;
                return pods.stream().filter(p -> p.namespace().equals(namespace) && deployment.equals(p.deployment())).toList();
            }
        };
        assertThat(view.answersByName()).isTrue();
        var tick = new TickPods(view::pods, view);

        for (int i = 0; i < 3 * TickPods.WALKS; i++) assertThat(tick.pod("ns", "a").deployment()).isEqualTo("web");
        assertThat(tick.podsOf("ns", "web")).extracting(PodInfo::name).containsExactly("a", "b");
        assertThat(listed[0]).as("a tick that only asks lists nothing").isZero();
        assertThat(asked[0]).as("each question asked once per tick").isEqualTo(2);

        tick.freeze(); // an action is about to run: it deletes b and starts d
        pods.remove(1);
        pods.add(pod("ns", "d", "web"));
        assertThat(listed[0]).isEqualTo(1);
        assertThat(tick.pod("ns", "b")).as("the tick's pods as they were before the action").isNotNull();
        assertThat(tick.pod("ns", "d")).isNull();
        assertThat(tick.podsOf("ns", "web")).extracting(PodInfo::name).containsExactly("a", "b");
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void aViewWithTheDefaultLookups_isListed_notAskedPodByPod() {
        ClusterView listing = new ClusterView() {
            @Override public List<PodInfo> pods() { return List.of(TickPodsTest.pod("ns", "a", "web")); }

            @Override public List<DeploymentInfo> deployments() { return List.of(); }
        };
        assertThat(listing.answersByName()).isFalse();
    }
}
