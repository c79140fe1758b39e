package dev.homeostat.remediation.policy;

import dev.homeostat.units.GoDuration;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The small readers of a policy's YAML tree: each checks one shape and names the field, its line and the fix when it is wrong. */
abstract class PolicyNodes {
    protected final String source;
    final Map<String, Integer> lines;

    PolicyNodes(String source, Map<String, Integer> lines) {
        this.source = source;
        this.lines = lines;
    }

    /** A node and the path that leads to it, for messages. */
    record At(JsonNode node, String path) {
        At field(String name) { return new At(node.path(name), path.isEmpty() ? name : path + "." + name); }

        At index(int i) { return new At(node.path(i), path + "[" + i + "]"); }

        boolean absent() { return node.isMissingNode() || node.isNull(); }
    }

    // --- small readers -------------------------------------------------------------------

    /** Requires a mapping (when present) and rejects fields it does not know, naming the known ones. */
    void object(At at, String... known) {
        if (at.absent()) {
            if (at.path().isEmpty()) throw error(at, "expected a mapping");
            return;
        }
        if (!at.node().isObject()) throw error(at, "expected a mapping with fields " + String.join(", ", known));
        List<String> knownList = List.of(known);
        for (Iterator<String> it = at.node().fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!knownList.contains(field)) {
                throw error(at.field(field), "unknown field '" + field + "'; known: " + String.join(", ", known));
            }
        }
    }

    List<At> list(At at, boolean required) {
        if (at.absent()) {
            if (required) throw error(at, "required; give a list with at least one entry");
            return List.of();
        }
        if (!at.node().isArray()) throw error(at, "expected a list, e.g. [a, b]");
        if (required && at.node().isEmpty()) throw error(at, "must not be empty");
        List<At> items = new ArrayList<>();
        for (int i = 0; i < at.node().size(); i++) items.add(at.index(i));
        return items;
    }

    String text(At at) {
        if (at.absent()) throw error(at, "required");
        if (!at.node().isValueNode()) throw error(at, "expected a single value");
        String s = at.node().asText().trim();
        if (s.isEmpty()) throw error(at, "must not be empty");
        return s;
    }

    Duration duration(At at, Duration fallback, boolean zeroAllowed) {
        if (at.absent()) return fallback;
        if (at.node().isNumber()) {
            throw error(at, "'" + at.node().asText() + "' has no unit; write a duration such as 15s, 5m or 1h30m");
        }
        Duration d;
        try {
            d = GoDuration.parse(text(at));
        } catch (PolicyException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
        if (!zeroAllowed && d.isZero()) throw error(at, "must be > 0, e.g. " + GoDuration.formatCompact(fallback));
        return d;
    }

    void checkUnique(At at, List<String> names, String what) {
        var seen = new TreeSet<String>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                throw error(at.index(i).field("name"), "duplicate " + what + " name '" + names.get(i) + "'; names must be unique");
            }
        }
    }

    PolicyException error(At at, String problem) {
        return new PolicyException(source, lineOf(at.path()), at.path(), problem);
    }

    /** The line of {@code path}, or of its nearest written ancestor (a missing field is reported where its parent is). */
    int lineOf(String path) {
        for (String p = path; !p.isEmpty(); p = p.substring(0, Math.max(0, Math.max(p.lastIndexOf('.'), p.lastIndexOf('['))))) {
            Integer line = lines.get(p);
            if (line != null) return line;
        }
        return 0;
    }
}
