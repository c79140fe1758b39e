package dev.homeostat.units;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * What the YAML parser says about a text, made fit for one line of a message: the first syntax error with its line,
 * column and the parser's reason (SnakeYAML's own message spans five to eight lines with a caret drawing), and numbers
 * YAML can write but no field of Homeostat takes ({@code .nan}, {@code .inf}). Policies, scenarios and Chaos Mesh
 * manifests all report syntax through this class, so every loader says it the same way.
 */
public final class YamlSyntax {
    private static final YAMLFactory YAML = new YAMLFactory();

    /** A problem at {@code line}:{@code column} (1-based; 0 when unknown). */
    public record Problem(int line, int column, String reason) {
        /** {@code source:line:column: reason}, the form every command prints. */
        public String describe(String source) {
            return source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + reason;
        }
    }

    private YamlSyntax() { }

    /** The first problem in {@code text}, or null when every document parses and every number is finite. */
    public static Problem check(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); ; t = p.nextToken()) {
                if (t == null) {
                    // the parser returns null between documents as well; only a second null is the end
                    if (p.nextToken() == null) return null;
                    t = p.currentToken();
                }
                if (t == JsonToken.VALUE_NUMBER_FLOAT && !finite(p))
                    return new Problem(p.currentTokenLocation().getLineNr(), p.currentTokenLocation().getColumnNr(),
                            "'" + p.getText() + "' is not a finite number; give a number such as 0.5");
            }
        } catch (JacksonException e) {
            return of(e);
        } catch (IOException e) {
            return new Problem(0, 0, "cannot read YAML");
        }
    }

    /** Whether the parser's current float token is a finite number ({@code .inf}, {@code .nan} are not). */
    public static boolean finite(JsonParser p) {
        try {
            return Double.isFinite(p.getDoubleValue());
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The parser's error {@code e} as one problem: SnakeYAML's reason and marks, else the first line of Jackson's text. */
    public static Problem of(JacksonException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                Mark mark = m.getProblemMark();
                String reason = "YAML syntax: " + oneLine(m.getProblem());
                if (m.getContext() != null && m.getContextMark() != null)
                    reason += " (" + oneLine(m.getContext()) + " that starts on line " + (m.getContextMark().getLine() + 1) + ")";
                return new Problem(mark.getLine() + 1, mark.getColumn() + 1, reason);
            }
        }
        var at = e.getLocation();
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("unreadable");
        return new Problem(at == null ? 0 : Math.max(at.getLineNr(), 0), at == null ? 0 : Math.max(at.getColumnNr(), 0), "YAML syntax: " + oneLine(message));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }
}
