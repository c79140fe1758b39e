package dev.homeostat.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One YAML document of a manifest file, with the line of every field so errors can point at it.
 * Field paths are dotted keys with list indexes, e.g. {@code spec.selector.namespaces[0]}.
 *
 * @param index 1-based position among the file's non-empty documents
 * @param line  1-based line where the document starts
 */
public record YamlDocument(int index, int line, JsonNode root, Map<String, Integer> lines) {
    public YamlDocument {
        lines = Map.copyOf(lines);
    }

    /** Line of {@code path}, or of its nearest ancestor that is present (a missing field points at its parent). */
    public int lineOf(String path) {
        String p = path == null ? "" : path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) return l;
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return line;
    }
}
