package dev.homeostat.reports;

import com.fasterxml.jackson.core.JacksonException;

/** A JSON parser's complaint for one line of a message: where, and its reason without Jackson's source excerpt or class names. */
public final class JsonText {
    private JsonText() { }

    /** e.g. {@code line 3, column 7: unexpected end of input}. */
    public static String problem(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v)
            m = v.getCause() == null || v.getCause().getMessage() == null || v.getCause() instanceof NullPointerException
                    ? "a required field is missing or null" : v.getCause().getMessage();
        else if (m.startsWith("Cannot construct instance") || m.startsWith("Cannot deserialize"))
            m = "a value of the wrong type (a number, text, list or object where another is expected)";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException j && !j.getPath().isEmpty())
            m = path(j) + ": " + m;
        m = m.replaceAll("\\s*\\((start marker at|for Object starting at)?[^()]*Source:[^()]*(\\([^()]*\\)[^()]*)*\\)", "")
                .replaceAll("`[\\w.$]+`", "a value")
                .replaceAll("\\bUnexpected end-of-input\\b", "unexpected end of input")
                .strip().replaceAll("\\s*\\R\\s*", " ");
        var at = e.getLocation();
        return (at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ") + m;
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        var sb = new StringBuilder();
        for (var r : e.getPath()) {
            if (r.getFieldName() != null) sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            else sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }
}
