package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Chaos Mesh {@code Schedule.spec}: a cron schedule, its policies, and the experiment (or workflow) it creates each time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScheduleSpec extends EmbeddedChaos {
    private String schedule;
    private Long startingDeadlineSeconds;
    private String concurrencyPolicy;
    private Integer historyLimit;
    private String type;
    private WorkflowSpec workflow;

    public String getSchedule() { return schedule; }
    public void setSchedule(String v) { schedule = v; }
    public Long getStartingDeadlineSeconds() { return startingDeadlineSeconds; }
    public void setStartingDeadlineSeconds(Long v) { startingDeadlineSeconds = v; }
    public String getConcurrencyPolicy() { return concurrencyPolicy; }
    public void setConcurrencyPolicy(String v) { concurrencyPolicy = v; }
    public Integer getHistoryLimit() { return historyLimit; }
    public void setHistoryLimit(Integer v) { historyLimit = v; }
    public String getType() { return type; }
    public void setType(String v) { type = v; }
    /** The Workflow run at each firing when {@code type} is Workflow. */
    public WorkflowSpec getWorkflow() { return workflow; }
    public void setWorkflow(WorkflowSpec v) { workflow = v; }
}
