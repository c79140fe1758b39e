package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One template of a Chaos Mesh Workflow ({@code Template} in {@code workflow_types.go}): Serial, Parallel, Suspend,
 * Schedule, Task, StatusCheck, or an experiment kind whose spec sits in the matching embedded field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkflowTemplate extends EmbeddedChaos {
    private String name;
    private String templateType;
    private String deadline;
    private List<String> children;
    private Task task;
    private List<ConditionalBranch> conditionalBranches;
    private ScheduleSpec schedule;
    private StatusCheckSpec statusCheck;
    private Boolean abortWithStatusCheck;

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getTemplateType() { return templateType; }
    public void setTemplateType(String v) { templateType = v; }
    public String getDeadline() { return deadline; }
    public void setDeadline(String v) { deadline = v; }
    public List<String> getChildren() { return children; }
    public void setChildren(List<String> v) { children = v; }
    public Task getTask() { return task; }
    public void setTask(Task v) { task = v; }
    public List<ConditionalBranch> getConditionalBranches() { return conditionalBranches; }
    public void setConditionalBranches(List<ConditionalBranch> v) { conditionalBranches = v; }
    /** A Schedule template's schedule (Chaos Mesh's ChaosOnlyScheduleSpec: a ScheduleSpec that cannot hold a Workflow). */
    public ScheduleSpec getSchedule() { return schedule; }
    public void setSchedule(ScheduleSpec v) { schedule = v; }
    public StatusCheckSpec getStatusCheck() { return statusCheck; }
    public void setStatusCheck(StatusCheckSpec v) { statusCheck = v; }
    public Boolean getAbortWithStatusCheck() { return abortWithStatusCheck; }
    public void setAbortWithStatusCheck(Boolean v) { abortWithStatusCheck = v; }
}
