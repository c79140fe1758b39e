package dev.homeostat.chaos;

import dev.homeostat.chaos.model.StatusCheck;
import dev.homeostat.chaos.model.StatusCheckSpec;
import dev.homeostat.chaos.model.WorkflowTemplate;
import dev.homeostat.simulator.fault.Fault;
import dev.homeostat.simulator.fault.Orchestration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standalone StatusCheck: the same HTTP check a Workflow's StatusCheck step runs ({@link WorkflowRun}, {@link HttpCheck}),
 * from the apply time, its executions and verdict journalled under its name; it injects nothing. Absent {@code mode}
 * is Synchronous; a Continuous check without {@code duration} runs until the run ends (until it is deleted, live).
 */
final class StatusCheckTranslator implements FaultTranslator<StatusCheck> {
    static final String KIND = "StatusCheck/http";
    private final EmbeddedExperiments embedded;
    private final ScheduleTranslator schedules;

    StatusCheckTranslator(TranslatorRegistry registry) {
        this.embedded = new EmbeddedExperiments(registry);
        this.schedules = new ScheduleTranslator(registry);
    }

    @Override public Class<StatusCheck> modelType() { return StatusCheck.class; }

    @Override public List<Fault> translate(StatusCheck check, ManifestContext ctx) {
        StatusCheckSpec spec = check.getSpec();
        if (spec == null) throw ctx.fail("spec", "required: a StatusCheck needs spec.http (url, criteria.statusCode)");
        var template = new WorkflowTemplate();
        template.setName(ctx.name());
        template.setTemplateType("StatusCheck");
        template.setStatusCheck(spec);
        WorkflowPlan.StatusCheck step = WorkflowPlan.statusCheck(template, "spec", Optional.empty(), ctx, true);
        var plan = new WorkflowPlan(ctx.name(), Map.of(ctx.name(), step));
        long at = ctx.appliedAt().toMillis();
        return List.of(new Orchestration(ctx.name(), ctx.appliedAt(), java.time.Duration.ZERO, KIND,
                () -> new WorkflowRun(plan, new StepFaults(embedded, schedules, ctx.name(), ctx.detached()), at, Long.MAX_VALUE, false)));
    }
}
