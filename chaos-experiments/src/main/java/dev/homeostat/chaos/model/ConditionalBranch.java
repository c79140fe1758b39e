package dev.homeostat.chaos.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One of a Task template's {@code conditionalBranches}: the template to run when {@code expression} (an expr
 * expression over {@code exitCode} and {@code stdout}; absent: always) holds after the task's container exits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConditionalBranch(String target, String expression) { }
