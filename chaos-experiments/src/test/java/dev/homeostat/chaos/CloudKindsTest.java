package dev.homeostat.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homeostat.simulator.fault.NodeFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWSChaos, GCPChaos and AzureChaos name a machine; the node whose providerID is that machine fails. */
class CloudKindsTest {
    private static final Map<String, String> MACHINES = Map.of(
            "aws:///us-east-1b/i-0a1b2c3d4e5f60718", "ip-10-0-1-17.ec2.internal",
            "gce://shop-prod/us-central1-a/gke-pool-1-x7k2", "gke-pool-1-x7k2",
            "azure:///subscriptions/sub-1/resourcegroups/shop-rg/providers/Microsoft.Compute/virtualMachines/worker-1", "worker-1");
    private static final ManifestTranslator IN_CLUSTER = ChaosManifests.forCluster(TargetCluster.scenario("shop", MACHINES));
    private static final Duration AT = Duration.ofMinutes(5);

    private static String aws(String action, String instance, String extra) {
        return """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: AWSChaos
                metadata: {name: ec2, namespace: default}
                spec:
                  action: %s
                  secretName: cloud-key-secret
                  awsRegion: us-east-1
                  ec2Instance: %s
                %s""".formatted(action, instance, extra.indent(2));
    }

    private static NodeFailure only(ManifestContents c) {
        assertThat(c.faults()).hasSize(1);
        return (NodeFailure) c.faults().getFirst();
    }

    @Test
    void ec2Stop_failsTheNodeOnThatInstance_forItsDuration_andRestartsItsContainers() {
        NodeFailure f = only(IN_CLUSTER.contents("m.yaml", aws("ec2-stop", "i-0a1b2c3d4e5f60718", "duration: 5m"), AT, Horizon.until(Duration.ofMinutes(40))));
        assertThat(f.node()).isEqualTo("ip-10-0-1-17.ec2.internal"); // the zone in the provider ID is not the region's name
        assertThat(f.kind()).isEqualTo("AWSChaos/ec2-stop");
        assertThat(f.start()).isEqualTo(AT);
        assertThat(f.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(f.rebooted()).isTrue();
        // no duration: stopped until the experiment is deleted, the run's end
        assertThat(only(IN_CLUSTER.contents("m.yaml", aws("ec2-stop", "i-0a1b2c3d4e5f60718", ""), AT, Horizon.until(Duration.ofMinutes(40)))).duration())
                .isEqualTo(Duration.ofMinutes(35));
    }

    @Test
    void aRestart_isAMinuteDown_whateverItsDuration() {
        NodeFailure f = only(IN_CLUSTER.contents("m.yaml", aws("ec2-restart", "i-0a1b2c3d4e5f60718", "duration: 1h"), AT, Horizon.firstFiring()));
        assertThat(f.duration()).isEqualTo(MachineFaults.REBOOT);
        assertThat(f.kind()).isEqualTo("AWSChaos/ec2-restart");
    }

    @Test
    void aMachineNoNodeRunsOn_injectsNothing_andSaysSo() {
        var c = IN_CLUSTER.contents("m.yaml", aws("ec2-stop", "i-0ffffffffffffffff", "duration: 5m"), AT, Horizon.firstFiring());
        assertThat(c.faults()).isEmpty();
        assertThat(c.notes()).singleElement().satisfies(n -> assertThat(n.message())
                .startsWith("no node of this cluster runs on EC2 instance i-0ffffffffffffffff").contains("nothing is injected"));
    }

    @Test
    void withoutASimulatedCluster_theNodeIsNamedAfterTheMachine() {
        NodeFailure f = only(new ManifestTranslator().contents("m.yaml", aws("ec2-stop", "i-0a1b2c3d4e5f60718", "duration: 5m"), AT, Horizon.firstFiring()));
        assertThat(f.node()).isEqualTo("i-0a1b2c3d4e5f60718");
    }

    @Test
    void gcpAndAzure_nameTheirMachinesAsKubernetesDoes_azureWithoutCase() {
        String gcp = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: GCPChaos
                metadata: {name: gce, namespace: default}
                spec: {action: node-reset, project: shop-prod, zone: us-central1-a, instance: gke-pool-1-x7k2}
                """;
        assertThat(only(IN_CLUSTER.contents("g.yaml", gcp, AT, Horizon.firstFiring())).node()).isEqualTo("gke-pool-1-x7k2");
        assertThat(IN_CLUSTER.contents("g.yaml", gcp.replace("us-central1-a", "us-central1-b"), AT, Horizon.firstFiring()).faults()).isEmpty();
        String azure = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: AzureChaos
                metadata: {name: vm, namespace: default}
                spec: {action: vm-stop, subscriptionID: sub-1, resourceGroupName: Shop-RG, vmName: worker-1, duration: 2m}
                """;
        NodeFailure f = only(IN_CLUSTER.contents("a.yaml", azure, AT, Horizon.firstFiring()));
        assertThat(f.node()).isEqualTo("worker-1");
        assertThat(f.kind()).isEqualTo("AzureChaos/vm-stop");
    }

    @Test
    void inASchedule_eachFiringFailsTheNode() {
        String schedule = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Schedule
                metadata: {name: nightly, namespace: default}
                spec:
                  schedule: "@every 10m"
                  type: AWSChaos
                  historyLimit: 1
                  concurrencyPolicy: Forbid
                  awsChaos: {action: ec2-restart, awsRegion: us-east-1, ec2Instance: i-0a1b2c3d4e5f60718}
                """;
        var faults = IN_CLUSTER.contents("s.yaml", schedule, Duration.ZERO, Horizon.until(Duration.ofMinutes(35))).faults();
        assertThat(faults).hasSize(3).allSatisfy(f -> assertThat(((NodeFailure) f).node()).isEqualTo("ip-10-0-1-17.ec2.internal"));
    }

    @Test
    void aDiskAction_cannotExist_andAMissingMachineFieldIsNamed() {
        var disk = catchThrowableOfType(ManifestException.class, () ->
                IN_CLUSTER.contents("m.yaml", aws("detach-volume", "i-0a1b2c3d4e5f60718", "volumeID: vol-1\ndeviceName: /dev/sdf"), AT, Horizon.firstFiring()));
        assertThat(disk.field()).isEqualTo("spec.action");
        assertThat(disk.problem()).startsWith("cannot exist in a simulation: detach-volume");
        var missing = catchThrowableOfType(ManifestException.class, () ->
                IN_CLUSTER.contents("m.yaml", aws("ec2-stop", "i-1", "").replace("  ec2Instance: i-1\n", ""), AT, Horizon.firstFiring()));
        assertThat(missing.field()).isEqualTo("spec.ec2Instance");
        assertThat(missing.problem()).startsWith("required: the EC2 instance ID");
        var typo = catchThrowableOfType(ManifestException.class, () ->
                IN_CLUSTER.contents("m.yaml", aws("ec2-stop", "i-1", "instanceId: i-2"), AT, Horizon.firstFiring()));
        assertThat(typo.field()).isEqualTo("spec.instanceId");
        assertThat(typo.problem()).contains("unknown field");
    }
}
