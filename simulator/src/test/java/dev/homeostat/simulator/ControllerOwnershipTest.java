package dev.homeostat.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each controller is the only writer of its state, so a change of a lifecycle lands in one place and
 * faults act through the controllers' methods: checked on the compiled classes.
 */
class ControllerOwnershipTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.homeostat.simulator");
    }

    private static DescribedPredicate<JavaFieldAccess> writesOf(Class<?> owner, Set<String> fields) {
        return DescribedPredicate.describe(owner.getSimpleName() + "." + fields,
                a -> a.getAccessType() == JavaFieldAccess.AccessType.SET && a.getTargetOwner().isEquivalentTo(owner) && fields.contains(a.getName()));
    }

    @Test
    void onlyTheKubelet_movesAPodsLifecycle() {
        noClasses().that().doNotHaveSimpleName("Kubelet")
                .should().callMethodWhere(DescribedPredicate.describe("PodState.moveTo",
                        (JavaMethodCall c) -> c.getTargetOwner().isEquivalentTo(PodState.class) && c.getName().equals("moveTo")))
                .check(classes);
    }

    @Test
    void onlyTheKubelet_writesWhatItPlansAContainerFrom() {
        var fields = Set.of("container", "startAt", "runningSince", "servingAt", "restarts", "lastTerminatedReason", "crashStreak",
                "epoch", "deadlock", "failures", "failedSince", "failureEndedAt", "stressBytes", "stressCores", "leakRate", "leaked", "leakSince");
        noClasses().that().doNotHaveSimpleName("Kubelet").and().doNotHaveSimpleName("PodState")
                .should().setFieldWhere(writesOf(PodState.class, fields)).check(classes);
        noClasses().that().doNotHaveSimpleName("Kubelet").and().doNotHaveSimpleName("DeploymentState")
                .should().setFieldWhere(writesOf(DeploymentState.class, Set.of("leakRate"))).check(classes);
    }

    @Test
    void onlyTheScheduler_bindsPods() {
        noClasses().that().doNotHaveSimpleName("Scheduler")
                .should().setFieldWhere(writesOf(PodState.class, Set.of("node"))).check(classes);
    }

    @Test
    void onlyTheReplicaSetController_setsReplicas() {
        noClasses().that().doNotHaveSimpleName("ReplicaSetController").and().doNotHaveSimpleName("DeploymentState")
                .should().setFieldWhere(writesOf(DeploymentState.class, Set.of("replicas"))).check(classes);
    }

    @Test
    void onlyTheNodeLifecycleController_changesANodesConditionCordonOrDrain() {
        noClasses().that().doNotHaveSimpleName("NodeLifecycleController").and().doNotHaveSimpleName("NodeState")
                .should().setFieldWhere(writesOf(NodeState.class, Set.of("ready", "down", "unschedulable", "draining", "failureEpoch")))
                .check(classes);
    }
}
