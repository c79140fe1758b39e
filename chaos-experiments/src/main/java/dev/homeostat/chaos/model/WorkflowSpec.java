package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chaos Mesh {@code Workflow.spec}: the entry template's name and the templates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkflowSpec {
    private String entry;
    private List<WorkflowTemplate> templates;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    public String getEntry() { return entry; }
    public void setEntry(String v) { entry = v; }
    public List<WorkflowTemplate> getTemplates() { return templates; }
    public void setTemplates(List<WorkflowTemplate> v) { templates = v; }
    @JsonAnyGetter public Map<String, Object> getAdditionalProperties() { return additionalProperties; }
    @JsonAnySetter public void setAdditionalProperty(String name, Object value) { additionalProperties.put(name, value); }
}
