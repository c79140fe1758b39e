package dev.homeostat.remediation.live;

import com.fasterxml.jackson.core.JacksonException;

/** A JSON parser's reason for a 400 or a log line: one line, with its line and column, without Jackson's source excerpt or option names. */
public final class JsonReason {
    private JsonReason() { }

    public static String of(JacksonException e) {
        String m = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        m = m.replaceAll("\\s*\\((start marker at)?[^()]*Source:[^()]*(\\([^()]*\\)[^()]*)*\\)", "")
                .replaceAll("`[\\w.$]+`", "a value").strip().replaceAll("\\s*\\R\\s*", " ");
        var at = e.getLocation();
        return (at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ") + m;
    }
}
