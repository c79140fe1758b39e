package dev.homeostat.simulator;

import dev.homeostat.simulator.events.SimEvent;
import java.util.List;
import java.util.Locale;

/**
 * The injection check of a rollout fault: a rollout's effect shows on the pods it creates, not on those
 * it replaces. Did the pods of the new revision fail more, answer slower, restart, or stay not Ready,
 * against the replaced pods' last minute before the rollout?
 */
final class RolloutCheck implements FaultCheck {
    private final double errorRatio, latency;
    private final DeploymentState deployment;
    private final DeploymentState.Revision revision;

    /** @param before {@link #lastMinute} of the replaced pods, taken before the rollout; {@code revision} the one rolled out */
    RolloutCheck(double[] before, DeploymentState deployment, DeploymentState.Revision revision) {
        this.deployment = deployment;
        this.revision = revision;
        this.errorRatio = before[0];
        this.latency = before[1];
    }

    /** The replaced pods' error ratio and mean latency over their last minute: what the new revision is judged against. */
    static double[] lastMinute(List<PodState> replaced) {
        double req = 0, err = 0, ok = 0, lat = 0;
        for (PodState p : replaced) {
            req += p.minuteSum(PodState.REQ);
            err += p.minuteSum(PodState.ERR);
            ok += p.minuteSum(PodState.OK);
            lat += p.minuteSum(PodState.LATENCY_SUM);
        }
        return new double[] {req > 0 ? err / req : 0, ok > 0 ? lat / ok : 0};
    }

    @Override public SimEvent.FaultEffect finish(long now, String fault) {
        double ok = 0, err = 0, lat = 0;
        int pods = 0, restarts = 0, notReady = 0;
        for (PodState p : deployment.pods) {
            if (p.revision.template() != revision.template() || p.terminating()) continue;
            pods++;
            ok += p.ok200();
            err += p.err500() + p.err504();
            lat += p.latencySeconds();
            restarts += p.restarts;
            if (!p.ready() && now - p.createdAt > 60_000) notReady++;
        }
        String where = " (revision " + revision.number() + " of " + deployment.key + ")";
        if (pods == 0) return new SimEvent.FaultEffect(now, fault, false, "no pod of the new revision left to check" + where);
        if (restarts > 0) return new SimEvent.FaultEffect(now, fault, true, restarts + " restarts of the new pods (crash on start)" + where);
        double ratio = ok + err > 0 ? err / (ok + err) : 0;
        if (ratio - errorRatio >= InjectionCheck.ERROR_RISE && ratio >= 2 * errorRatio)
            return new SimEvent.FaultEffect(now, fault, true, String.format(Locale.ROOT, "errors %.1f%% -> %.1f%%", errorRatio * 100, ratio * 100) + where);
        double mean = ok > 0 ? lat / ok : 0;
        if (ok > 0 && latency > 0 && mean >= InjectionCheck.LATENCY_RISE * latency && mean - latency >= InjectionCheck.LATENCY_MIN_RISE_S)
            return new SimEvent.FaultEffect(now, fault, true, String.format(Locale.ROOT, "mean latency %.1f ms -> %.1f ms", latency * 1000, mean * 1000) + where);
        if (notReady > 0) return new SimEvent.FaultEffect(now, fault, true, notReady + " of " + pods + " new pods never turned Ready" + where);
        return new SimEvent.FaultEffect(now, fault, false, "the new pods served as before" + where);
    }
}
