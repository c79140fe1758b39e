package dev.homeostat.chaos;

import dev.homeostat.simulator.fault.Fault;
import io.fabric8.chaosmesh.v1alpha1.AWSChaos;
import io.fabric8.chaosmesh.v1alpha1.AWSChaosSpec;
import java.util.List;

/** AWSChaos: ec2-stop and ec2-restart → the node on that EC2 instance fails ({@link MachineFaults}); detach-volume cannot exist. */
final class AwsChaosTranslator implements FaultTranslator<AWSChaos> {
    @Override public Class<AWSChaos> modelType() { return AWSChaos.class; }

    @Override public List<Fault> translate(AWSChaos chaos, ManifestContext ctx) {
        AWSChaosSpec spec = chaos.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: AWSChaos needs spec.action, spec.awsRegion and spec.ec2Instance");
        String action = MachineFaults.required(ctx, "spec.action", spec.getAction(), "one of ec2-stop, ec2-restart, detach-volume");
        String region = MachineFaults.required(ctx, "spec.awsRegion", spec.getAwsRegion(), "the instance's region, e.g. awsRegion: us-east-1");
        String instance = MachineFaults.required(ctx, "spec.ec2Instance", spec.getEc2Instance(), "the EC2 instance ID, e.g. ec2Instance: i-0123456789abcdef0");
        if (action.equals("detach-volume"))
            throw ctx.cannotExist("spec.action", "detach-volume takes an EBS volume off the instance, and a simulated node has no disks, so its pods cannot lose one");
        return MachineFaults.stopOrRestart(ctx, "AWSChaos", action, action.equals("ec2-restart"), spec.getDuration(), CloudMachine.aws(region, instance), instance);
    }
}
