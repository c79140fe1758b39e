package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One template of a Chaos Mesh Workflow: Serial, Parallel, Suspend, Task, Schedule, or an experiment kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkflowTemplate extends EmbeddedChaos {
    private String name;
    private String templateType;
    private String deadline;
    private List<String> children;
    private JsonNode task;
    private JsonNode conditionalBranches;
    private JsonNode schedule;
    private JsonNode statusCheck;
    private Boolean abortWithStatusCheck;

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getTemplateType() { return templateType; }
    public void setTemplateType(String v) { templateType = v; }
    public String getDeadline() { return deadline; }
    public void setDeadline(String v) { deadline = v; }
    public List<String> getChildren() { return children; }
    public void setChildren(List<String> v) { children = v; }
    public JsonNode getTask() { return task; }
    public void setTask(JsonNode v) { task = v; }
    public JsonNode getConditionalBranches() { return conditionalBranches; }
    public void setConditionalBranches(JsonNode v) { conditionalBranches = v; }
    public JsonNode getSchedule() { return schedule; }
    public void setSchedule(JsonNode v) { schedule = v; }
    public JsonNode getStatusCheck() { return statusCheck; }
    public void setStatusCheck(JsonNode v) { statusCheck = v; }
    public Boolean getAbortWithStatusCheck() { return abortWithStatusCheck; }
    public void setAbortWithStatusCheck(Boolean v) { abortWithStatusCheck = v; }
}
