package dev.homeostat.chaos;

import dev.homeostat.chaos.crd.OrchestrationSchema;
import dev.homeostat.chaos.model.ConditionalBranch;
import dev.homeostat.chaos.model.EmbeddedChaos;
import dev.homeostat.chaos.model.StatusCheckSpec;
import dev.homeostat.chaos.model.WorkflowSpec;
import dev.homeostat.chaos.model.WorkflowTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Workflow's templates checked and read into steps, before anything is timed: names unique, the entry and every
 * child and branch target defined, no Serial or Parallel containing itself, each step's own fields complete (a
 * Suspend's deadline, a Task's container, a branch expression's syntax, a StatusCheck's URL and criteria). The
 * {@link WorkflowTranslator} times the steps; a plan with a Task or StatusCheck runs at run time ({@link WorkflowRun}).
 */
record WorkflowPlan(String entry, Map<String, Step> steps) {
    /** One template as a step. {@code path} is where it is in the document, e.g. {@code spec.templates[2]}. */
    sealed interface Step {
        String name();

        String path();

        Optional<Duration> deadline();
    }

    record Serial(String name, String path, Optional<Duration> deadline, List<String> children) implements Step { }

    record Parallel(String name, String path, Optional<Duration> deadline, List<String> children) implements Step { }

    record Suspend(String name, String path, Optional<Duration> deadline) implements Step { }

    /** An experiment of {@code kind}, its spec in the template's embedded field. */
    record Chaos(String name, String path, Optional<Duration> deadline, String kind, WorkflowTemplate template) implements Step { }

    record Schedule(String name, String path, Optional<Duration> deadline, WorkflowTemplate template) implements Step { }

    /** A Task: after its container exits, every branch whose expression holds runs (together), as in Chaos Mesh. */
    record Task(String name, String path, Optional<Duration> deadline, TaskCommand command, List<Branch> branches) implements Step { }

    record Branch(String target, Optional<BranchExpression> expression) { }

    /** A StatusCheck: its outcome ends the step, and with {@code abort} ends the workflow when it fails. */
    record StatusCheck(String name, String path, Optional<Duration> deadline, StatusCheckSpec check, boolean abort) implements Step { }

    static WorkflowPlan of(WorkflowSpec spec, String specPath, ManifestContext ctx) {
        List<WorkflowTemplate> templates = spec.getTemplates() == null ? List.of() : spec.getTemplates();
        if (templates.isEmpty()) throw ctx.fail(specPath + ".templates", "required: at least one template");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < templates.size(); i++) {
            WorkflowTemplate t = templates.get(i);
            String path = specPath + ".templates[" + i + "]";
            if (t == null || t.getName() == null || t.getName().isBlank()) throw ctx.fail(path + ".name", "required: each template needs a name");
            if (index.putIfAbsent(t.getName(), i) != null)
                throw ctx.fail(path + ".name", "template \"" + t.getName() + "\" is defined twice (first at templates[" + index.get(t.getName()) + "]); names must be unique");
        }
        if (spec.getEntry() == null || !index.containsKey(spec.getEntry()))
            throw ctx.fail(specPath + ".entry", (spec.getEntry() == null ? "required" : "no template named \"" + spec.getEntry() + "\"")
                    + dev.homeostat.chaos.crd.Suggest.didYouMean(spec.getEntry(), index.keySet()) + "; templates: " + String.join(", ", index.keySet()));
        var steps = new LinkedHashMap<String, Step>();
        for (int i = 0; i < templates.size(); i++)
            steps.put(templates.get(i).getName(), step(templates.get(i), specPath + ".templates[" + i + "]", index, ctx));
        var plan = new WorkflowPlan(spec.getEntry(), steps);
        for (Step s : steps.values()) plan.noCycle(s, new ArrayList<>(), ctx);
        return plan;
    }

    private static Step step(WorkflowTemplate t, String path, Map<String, Integer> index, ManifestContext ctx) {
        String type = t.getTemplateType();
        if (type == null || type.isBlank())
            throw ctx.fail(path + ".templateType", "required: Serial, Parallel, Suspend, Schedule, Task, StatusCheck or an experiment kind (" + String.join(", ", EmbeddedChaos.KINDS) + ")");
        Optional<Duration> deadline = ctx.optionalDuration(path + ".deadline", t.getDeadline());
        if (deadline.isPresent() && deadline.get().isZero()) throw ctx.fail(path + ".deadline", "must be longer than 0; write e.g. 5m");
        List<String> children = t.getChildren() == null ? List.of() : t.getChildren();
        boolean composite = type.equals("Serial") || type.equals("Parallel");
        if (!composite && !children.isEmpty()) throw ctx.fail(path + ".children", "only Serial and Parallel templates have children; remove them");
        for (int c = 0; c < children.size(); c++) known(path + ".children[" + c + "]", children.get(c), index, ctx);
        if (!type.equals("Task") && t.getConditionalBranches() != null && !t.getConditionalBranches().isEmpty())
            throw ctx.fail(path + ".conditionalBranches", "only Task templates branch; remove it or use templateType: Task");
        return switch (type) {
            case "Serial" -> new Serial(t.getName(), path, deadline, List.copyOf(children));
            case "Parallel" -> new Parallel(t.getName(), path, deadline, List.copyOf(children));
            case "Suspend" -> {
                if (deadline.isEmpty()) throw ctx.fail(path + ".deadline", "required for Suspend: how long to wait, e.g. deadline: 5m");
                yield new Suspend(t.getName(), path, deadline);
            }
            case "Schedule" -> {
                if (t.getSchedule() == null) throw ctx.fail(path + ".schedule", "required for a Schedule template: schedule: {schedule: \"@every 1m\", type: PodChaos, podChaos: {…}}");
                if ("Workflow".equals(t.getSchedule().getType()))
                    throw ctx.fail(path + ".schedule.type", "a Schedule inside a Workflow cannot create Workflows (Chaos Mesh's ChaosOnlyScheduleSpec); use an experiment kind");
                yield new Schedule(t.getName(), path, deadline, t);
            }
            case "Task" -> task(t, path, deadline, index, ctx);
            case "StatusCheck" -> statusCheck(t, path, deadline, ctx, false);
            default -> {
                if (!OrchestrationSchema.STRUCTURE_TYPES.contains(type) && !EmbeddedChaos.FIELD_OF_KIND.containsKey(type))
                    throw ctx.fail(path + ".templateType", dev.homeostat.chaos.crd.ChaosMeshKinds.find(type).map(k -> k.support().sentence())
                            .orElse("unknown template type \"" + type + "\""));
                yield new Chaos(t.getName(), path, deadline, type, t);
            }
        };
    }

    private static Task task(WorkflowTemplate t, String path, Optional<Duration> deadline, Map<String, Integer> index, ManifestContext ctx) {
        if (t.getTask() == null || t.getTask().container() == null)
            throw ctx.fail(path + ".task.container", "required for a Task template: the container to run, e.g. container: {name: check, image: curlimages/curl, command: [...]}");
        var c = t.getTask().container();
        if (c.getName() == null || c.getName().isBlank()) throw ctx.fail(path + ".task.container.name", "required: a container name");
        if (c.getImage() == null || c.getImage().isBlank()) throw ctx.fail(path + ".task.container.image", "required: the image the task runs");
        var branches = new ArrayList<Branch>();
        List<ConditionalBranch> written = t.getConditionalBranches() == null ? List.of() : t.getConditionalBranches();
        for (int b = 0; b < written.size(); b++) {
            String at = path + ".conditionalBranches[" + b + "]";
            ConditionalBranch cb = written.get(b);
            if (cb == null || cb.target() == null || cb.target().isBlank()) throw ctx.fail(at + ".target", "required: the template this branch runs");
            known(at + ".target", cb.target(), index, ctx);
            Optional<BranchExpression> e = Optional.empty();
            if (cb.expression() != null && !cb.expression().isBlank()) {
                try {
                    e = Optional.of(BranchExpression.parse(cb.expression()));
                } catch (IllegalArgumentException bad) {
                    throw ctx.fail(at + ".expression", bad.getMessage());
                }
            }
            branches.add(new Branch(cb.target(), e));
        }
        return new Task(t.getName(), path, deadline, TaskCommand.of(c), List.copyOf(branches));
    }

    /**
     * A StatusCheck step checked; {@code standalone}: the StatusCheck kind, whose spec is at {@code path} itself and whose
     * Continuous check may run until it is deleted.
     */
    static StatusCheck statusCheck(WorkflowTemplate t, String path, Optional<Duration> deadline, ManifestContext ctx, boolean standalone) {
        StatusCheckSpec s = withDefaultMode(t.getStatusCheck());
        String at = standalone ? path : path + ".statusCheck";
        if (s == null) throw ctx.fail(at, "required for a StatusCheck template: statusCheck: {mode: Synchronous, type: HTTP, http: {url: …, criteria: {statusCode: \"200\"}}}");
        ctx.optionalDuration(at + ".duration", s.duration());
        if (s.http() == null) throw ctx.fail(at + ".http", "required: the HTTP check, http: {url: http://frontend:8080/health, criteria: {statusCode: \"200\"}}");
        String url = s.http().url();
        if (url == null || url.isBlank()) throw ctx.fail(at + ".http.url", "required: the URL to check");
        try {
            URI u = new URI(url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) throw new IllegalArgumentException();
        } catch (Exception e) {
            throw ctx.fail(at + ".http.url", "\"" + url + "\" is not an http(s) URL with a host");
        }
        if (ServiceAddress.hostOf(url).filter(h -> h.matches("[0-9.]+|\\[.*]")).isPresent())
            ctx.note(at + ".http.url", "an address, not a Service name: the simulation cannot judge this check, so it passes (the journal says so)");
        if (s.http().criteria() == null || s.http().criteria().statusCode() == null)
            throw ctx.fail(at + ".http.criteria.statusCode", "required: the expected status, e.g. \"200\" or a range \"200-399\"");
        String code = s.http().criteria().statusCode().strip();
        if (!code.matches("\\d{3}(-\\d{3})?") || code.length() == 7 && Integer.parseInt(code.substring(0, 3)) > Integer.parseInt(code.substring(4)))
            throw ctx.fail(at + ".http.criteria.statusCode", "\"" + code + "\" is neither a status code such as 200 nor a range such as 200-399");
        if (!standalone && deadline.isEmpty() && s.duration() == null && s.mode().equals("Continuous"))
            throw ctx.fail(path + ".deadline", "a Continuous status check needs a deadline or statusCheck.duration, or it never ends");
        return new StatusCheck(t.getName(), path, deadline, s, Boolean.TRUE.equals(t.getAbortWithStatusCheck()));
    }

    /** Chaos Mesh's webhook defaults an absent {@code mode} to Synchronous (StatusCheckSpec.Default). */
    static StatusCheckSpec withDefaultMode(StatusCheckSpec s) {
        if (s == null || s.mode() != null) return s;
        return new StatusCheckSpec("Synchronous", s.type(), s.duration(), s.timeoutSeconds(), s.intervalSeconds(), s.failureThreshold(), s.successThreshold(),
                s.recordsHistoryLimit(), s.http());
    }

    private static void known(String field, String name, Map<String, Integer> index, ManifestContext ctx) {
        if (!index.containsKey(name))
            throw ctx.fail(field, "no template named \"" + name + "\"" + dev.homeostat.chaos.crd.Suggest.didYouMean(name, index.keySet())
                    + "; templates: " + String.join(", ", index.keySet()));
    }

    /** A Serial or Parallel step may not contain itself; a Task's branches may loop (they are decided at run time). */
    private void noCycle(Step s, List<String> stack, ManifestContext ctx) {
        if (stack.contains(s.name()))
            throw ctx.fail(s.path() + ".name", "template \"" + s.name() + "\" contains itself (" + String.join(" -> ", stack) + " -> " + s.name() + "); remove the cycle");
        List<String> children = switch (s) {
            case Serial x -> x.children();
            case Parallel x -> x.children();
            default -> List.of();
        };
        stack.add(s.name());
        for (String c : children) noCycle(steps.get(c), stack, ctx);
        stack.removeLast();
    }
}
