package dev.homeostat.remediation.remediator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homeostat.remediation.model.Anomaly;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.Target;
import dev.homeostat.remediation.policy.Scaling;
import dev.homeostat.remediation.port.DeploymentInfo;
import dev.homeostat.remediation.port.NodeInfo;
import dev.homeostat.remediation.port.PodInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemediatorsTest {
    private static final Target WEB_0 = new Target(Target.Kind.POD, "ns", "web-0");
    private static final Target WEB_SVC = new Target(Target.Kind.SERVICE, "ns", "web");
    private static final Target WEB_DEPLOY = new Target(Target.Kind.DEPLOYMENT, "ns", "web");
    private static final List<PodInfo> PODS = List.of(
            new PodInfo("ns", "web-0", "web", "n1", true, 0, 0),
            new PodInfo("ns", "web-1", "web", "n2", true, 0, 0));
    private static final List<DeploymentInfo> DEPLOYMENTS = List.of(new DeploymentInfo("ns", "web", 3, 3));

    private static Anomaly anomaly(Target target, double score) {
        return new Anomaly(1_000, "errors", "threshold", target, "web", score, "");
    }

    private static RemediationRequest request(Target target, Scaling scaling, List<NodeInfo> nodes, Anomaly... recent) {
        return new RemediationRequest(target, "web", "r", anomaly(target, 1), List.of(), PODS, List.of(recent), scaling, DEPLOYMENTS, nodes);
    }

    private static RemediationRequest request(Target target, Anomaly... recent) {
        return request(target, Scaling.defaults(), List.of(), recent);
    }

    @Test
    void registry_namesEveryActionOfTheIssue_inTheOrderMessagesList() {
        assertThat(RemediatorRegistry.names()).containsExactly(
                "restart-pod", "rollback", "scale-up", "isolate-pod", "cordon-node", "drain-node", "circuit-break", "limit-retries", "wait", "page");
    }

    @Test
    void rollback_ofAPod_rollsBackItsDeployment_andOfAServiceTheDeploymentOfItsWorstPod() {
        var rollback = new RollbackRemediator();
        var podTarget = new Target(Target.Kind.POD, "ns", "web-1");
        assertThat(rollback.propose(request(WEB_0))).isEqualTo(new Decision.Act(new ClusterAction.RollbackDeployment(WEB_DEPLOY)));
        assertThat(rollback.propose(request(WEB_SVC, anomaly(podTarget, 5))))
                .isEqualTo(new Decision.Act(new ClusterAction.RollbackDeployment(WEB_DEPLOY)));
        assertThat(rollback.propose(request(new Target(Target.Kind.DEPLOYMENT, "ns", "gone")))).isInstanceOf(Decision.Done.class);
        // no anomalous pod: the Deployment of the service's own name
        assertThat(rollback.propose(request(WEB_SVC))).isEqualTo(new Decision.Act(new ClusterAction.RollbackDeployment(WEB_DEPLOY)));
        assertThat(rollback.propose(request(new Target(Target.Kind.SERVICE, "ns", "nameless")))).isInstanceOf(Decision.Skip.class);
    }

    @Test
    void scaleUp_addsByReplicas_orGoesTo_butNeverAboveMaxReplicas() {
        var scale = new ScaleUpRemediator();
        assertThat(scale.propose(request(WEB_DEPLOY))).isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
        assertThat(scale.propose(request(WEB_0, new Scaling(2, 0, 10), List.of())))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 5)));
        assertThat(scale.propose(request(WEB_0, new Scaling(5, 0, 4), List.of())))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
        assertThat(scale.propose(request(WEB_0, new Scaling(0, 6, 8), List.of())))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 6)));
        assertThat(scale.propose(request(WEB_0, new Scaling(1, 0, 3), List.of())))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason()).contains("at its ceiling of 3 replicas (scale.maxReplicas 3)"));
        assertThat(scale.propose(request(WEB_0, new Scaling(0, 2, 8), List.of())))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason()).contains("scale.to 2 is not above its 3 replicas"));
    }

    @Test
    void scaleUp_aboveAnAbsoluteCeiling_growsToItsFactorOfTheReplicasBeforeTheEngineFirstScaledIt() {
        var scale = new ScaleUpRemediator();
        var big = List.of(new DeploymentInfo("ns", "web", 40, 40));
        var busy = new dev.homeostat.remediation.diagnosis.Diagnosis.Saturation(WEB_DEPLOY, "ns/web", 1.2, List.of());
        Scaling both = new Scaling(2, 0, 20, 0.6, 2);
        // 40 replicas at 120 %, sized for 60 %: 80, the larger of 20 and 2 × 40
        assertThat(scale.propose(withDiagnosis(request(WEB_0, both, big, Map.of()), busy)))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 80)));
        // an absolute ceiling alone leaves a Deployment above it nothing
        assertThat(scale.propose(request(WEB_0, new Scaling(2, 0, 20, 0.6), big, Map.of())))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason()).contains("at its ceiling of 20 replicas"));
        // grown once already: the factor applies to the replicas before the engine first scaled it, not to the grown count
        var grown = List.of(new DeploymentInfo("ns", "web", 80, 80));
        assertThat(scale.propose(request(WEB_0, both, grown, Map.of("deployment/ns/web", 40))))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason())
                        .contains("at its ceiling of 80 replicas (scale.maxReplicas 20, or scale.maxFactor: 2 × the 40 replicas it had before)"));
        // a small Deployment still grows to the absolute ceiling
        var small = List.of(new DeploymentInfo("ns", "web", 19, 19));
        assertThat(scale.propose(request(WEB_0, both, small, Map.of("deployment/ns/web", 3))))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 20)));
    }

    private static RemediationRequest request(Target target, Scaling scaling, List<DeploymentInfo> deployments, Map<String, Integer> scaledFrom) {
        return new RemediationRequest(target, "web", "r", anomaly(target, 1), List.of(), PodLookup.of(PODS), List.of(), scaling, deployments,
                List.of(), null, null, scaledFrom);
    }

    @Test
    void scaleUp_withATargetUtilization_sizesAsTheAutoscalerDoes_byAtLeastBy() {
        var scale = new ScaleUpRemediator();
        var busy = new dev.homeostat.remediation.diagnosis.Diagnosis.Saturation(WEB_DEPLOY, "ns/web", 1.0, List.of());
        var calm = new dev.homeostat.remediation.diagnosis.Diagnosis.Saturation(WEB_DEPLOY, "ns/web", 0.5, List.of());
        Scaling hpa = new Scaling(1, 0, 20, 0.6);
        // 3 replicas at 100 % of their requests, sized for 60 %: ceil(3 × 1.0 / 0.6) = 5
        assertThat(scale.propose(withDiagnosis(request(WEB_0, hpa, List.of()), busy)))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 5)));
        // below the target the autoscaler would not grow it; the rule still adds its `by`
        assertThat(scale.propose(withDiagnosis(request(WEB_0, hpa, List.of()), calm)))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
        // no measured utilization: `by`
        assertThat(scale.propose(request(WEB_0, hpa, List.of()))).isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
        assertThat(scale.propose(withDiagnosis(request(WEB_0, new Scaling(1, 0, 4, 0.2), List.of()), busy)))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
    }

    private static RemediationRequest withDiagnosis(RemediationRequest r, dev.homeostat.remediation.diagnosis.Diagnosis d) {
        return new RemediationRequest(r.target(), r.service(), r.rule(), r.trigger(), r.previousActions(), r.pods(), r.recentAnomalies(),
                r.scaling(), r.deployments(), r.nodes(), r.heldBack(), d);
    }

    @Test
    void scaleUp_ofADeploymentAnHpaTargets_asksNoMoreThanTheHpasMaxReplicas_andAtItIsSkippedNamingTheHpa() {
        var scale = new ScaleUpRemediator();
        var busy = new dev.homeostat.remediation.diagnosis.Diagnosis.Saturation(WEB_DEPLOY, "ns/web", 2.0, List.of());
        Scaling sized = new Scaling(1, 0, 40, 0.6);
        var hpa = new DeploymentInfo.Autoscaler("web-hpa", 2, 5);
        // 3 replicas at 200 %, sized for 60 %: 10, where the HPA would clamp anything above 5 back to 5
        var three = new DeploymentInfo("ns", "web", 3, 3);
        assertThat(scale.propose(withDiagnosis(request(WEB_0, sized, List.of(three.withHpa(hpa)), Map.of()), busy)))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 5)));
        assertThat(scale.propose(withDiagnosis(request(WEB_0, sized, List.of(three), Map.of()), busy)))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 10)));
        // below its maximum a step the rule asks for is taken as it is
        assertThat(scale.propose(request(WEB_0, sized, List.of(three.withHpa(hpa)), Map.of())))
                .isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
        // at its maximum (the engine's own ceiling is far above): skipped, its owners decide on more
        var atMax = new DeploymentInfo("ns", "web", 5, 5).withHpa(hpa);
        assertThat(scale.propose(withDiagnosis(request(WEB_0, sized, List.of(atMax), Map.of()), busy)))
                .isEqualTo(new Decision.Skip(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 5), "deployment/ns/web cannot grow: its"
                        + " HorizontalPodAutoscaler ns/web-hpa caps it at 5 replicas: raising maxReplicas is its owners' decision"));
        assertThat(atMax.hpaMaxReplicas()).isEqualTo(5);
        assertThat(three.hpaMaxReplicas()).isEqualTo(-1);
    }

    @Test
    void isolatePod_takesThePodTarget_orTheWorstPodOfAService() {
        var isolate = new IsolatePodRemediator();
        var web1 = new Target(Target.Kind.POD, "ns", "web-1");
        assertThat(isolate.propose(request(WEB_0))).isEqualTo(new Decision.Act(new ClusterAction.IsolatePod(WEB_0)));
        assertThat(isolate.propose(request(WEB_SVC, anomaly(WEB_0, 1), anomaly(web1, 3))))
                .isEqualTo(new Decision.Act(new ClusterAction.IsolatePod(web1)));
        assertThat(isolate.propose(request(new Target(Target.Kind.POD, "ns", "gone")))).isInstanceOf(Decision.Done.class);
    }

    @Test
    void nodeActions_aimAtTheNodeOfThePod_andCordonSkipsANodeAlreadyCordoned() {
        var n1 = new Target(Target.Kind.NODE, null, "n1");
        assertThat(new DrainNodeRemediator().propose(request(WEB_0))).isEqualTo(new Decision.Act(new ClusterAction.DrainNode(n1)));
        assertThat(new CordonNodeRemediator().propose(request(WEB_0))).isEqualTo(new Decision.Act(new ClusterAction.CordonNode(n1)));
        assertThat(new CordonNodeRemediator().propose(request(WEB_0, Scaling.defaults(), List.of(new NodeInfo("n1", true, true)))))
                .isInstanceOfSatisfying(Decision.Skip.class, s -> assertThat(s.reason()).contains("already cordoned"));
    }

    @Test
    void circuitBreak_aimsAtTheServiceTheAnomalyCameFrom() {
        var web = new Target(Target.Kind.SERVICE, "ns", "web");
        assertThat(new CircuitBreakRemediator().propose(request(WEB_0))).isEqualTo(new Decision.Act(new ClusterAction.CircuitBreak(web)));
        assertThat(new CircuitBreakRemediator().propose(request(WEB_SVC))).isEqualTo(new Decision.Act(new ClusterAction.CircuitBreak(web)));
        var noService = new RemediationRequest(WEB_0, null, "r", anomaly(WEB_0, 1), List.of(), PODS, List.of());
        assertThat(new CircuitBreakRemediator().propose(noService)).isInstanceOf(Decision.Skip.class);
    }

    @Test
    void scaleUp_ofADeploymentWithPodsNoNodeHasRoomFor_isSkipped() {
        var pending = new java.util.ArrayList<>(PODS);
        pending.add(new PodInfo("ns", "web-2", "web", null, false, 0, 0)); // Pending: the scheduler found no room
        var request = new RemediationRequest(WEB_DEPLOY, "web", "r", anomaly(WEB_DEPLOY, 1), List.of(), pending, List.of(),
                Scaling.defaults(), DEPLOYMENTS, List.of());
        assertThat(new ScaleUpRemediator().propose(request)).isInstanceOfSatisfying(Decision.Skip.class,
                s -> assertThat(s.reason()).contains("deployment/ns/web cannot grow: 1 of its pods wait unscheduled"));
        // a pod of another Deployment waiting does not hold this one
        pending.set(2, new PodInfo("ns", "db-0", "db", "", false, 0, 0));
        var other = new RemediationRequest(WEB_DEPLOY, "web", "r", anomaly(WEB_DEPLOY, 1), List.of(), pending, List.of(),
                Scaling.defaults(), DEPLOYMENTS, List.of());
        assertThat(new ScaleUpRemediator().propose(other)).isEqualTo(new Decision.Act(new ClusterAction.ScaleDeployment(WEB_DEPLOY, 4)));
    }

    @Test
    void aStatefulSet_isNeitherScaledNorRolledBack_whatItsMembersHoldIsItsTeams() {
        var sts = List.of(new DeploymentInfo("ns", "web", 3, 3, 3, 2, 2, 2, 60_000, 1, null, true));
        var request = new RemediationRequest(WEB_0, "web", "r", anomaly(WEB_0, 1), List.of(), PODS, List.of(),
                Scaling.defaults(), sts, List.of());
        assertThat(new ScaleUpRemediator().propose(request)).isInstanceOfSatisfying(Decision.Skip.class,
                s -> assertThat(s.reason()).startsWith("statefulset ns/web is not scaled by the engine"));
        assertThat(new RollbackRemediator().propose(request)).isInstanceOfSatisfying(Decision.Skip.class, s -> {
            assertThat(s.intended()).isEqualTo(new ClusterAction.RollbackDeployment(WEB_DEPLOY));
            assertThat(s.reason()).startsWith("statefulset ns/web is not rolled back by the engine");
        });
        // the same workload as a Deployment is acted on
        assertThat(new ScaleUpRemediator().propose(request(WEB_0))).isInstanceOf(Decision.Act.class);
        assertThat(new RollbackRemediator().propose(request(WEB_0))).isInstanceOf(Decision.Act.class);
    }

    @Test
    void limitRetries_isHeldWhileTheDependencyHasLostPods_whoseFailuresTheRetriesMask() {
        var limit = new LimitRetriesRemediator();
        var web = new Target(Target.Kind.SERVICE, "ns", "web");
        var lost = new dev.homeostat.remediation.diagnosis.Diagnosis.Dependency(web, "ns/web", List.of("ns/gateway"), false, 0.3,
                List.of(new Target(Target.Kind.POD, "ns", "web-2")), List.of());
        assertThat(limit.propose(withDiagnosis(request(WEB_SVC), lost))).isInstanceOfSatisfying(Decision.Skip.class,
                s -> assertThat(s.reason()).contains("service/ns/web has 1 pod(s) that do not serve [web-2]").contains("mask"));
        // slow as a whole, every pod serving: a retry storm's callee, whose callers' retries are cut
        var slow = new dev.homeostat.remediation.diagnosis.Diagnosis.Dependency(web, "ns/web", List.of("ns/gateway"), false, 0.3, List.of(), List.of());
        assertThat(limit.propose(withDiagnosis(request(WEB_SVC), slow))).isEqualTo(new Decision.Act(new ClusterAction.LimitRetries(web)));
    }

    @Test
    void limitRetries_passesOn_onceTheCallersHaveRecovered_theirRetriesMaskWhatTheDependencyStillFails() {
        var limit = new LimitRetriesRemediator();
        var web = new Target(Target.Kind.SERVICE, "ns", "web");
        var slow = new dev.homeostat.remediation.diagnosis.Diagnosis.Dependency(web, "ns/web", List.of("ns/gateway"), false, 0.3, List.of(), List.of());
        Anomaly gateway = new Anomaly(100_000, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, "ns", "gateway"), "gateway", 2, "burning");
        Anomaly webNow = new Anomaly(160_000, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, "ns", "web"), "web", 2, "burning");
        assertThat(limit.propose(withDiagnosis(request(WEB_SVC, gateway, webNow), slow))).isInstanceOfSatisfying(Decision.Next.class,
                n -> assertThat(n.reason()).startsWith("its callers [ns/gateway] raised no anomaly in the last minute").contains("mask"));
        Anomaly gatewayLater = new Anomaly(105_000, "slo-burn", "threshold", new Target(Target.Kind.SERVICE, "ns", "gateway"), "gateway", 2, "burning");
        assertThat(limit.propose(withDiagnosis(request(WEB_SVC, gateway, gatewayLater, webNow), slow)))
                .as("a caller's anomaly 55 s before the tick's: still failing").isEqualTo(new Decision.Act(new ClusterAction.LimitRetries(web)));
    }
}
