package dev.homeostat.chaos;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.homeostat.units.YamlSyntax;
import dev.homeostat.units.YamlTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifest or scenario file as its documents ({@code ---}), each with the line of every field path, as
 * {@link YamlTree} reads YAML (anchors resolved, duplicate keys refused); a list's items are documents of their own.
 */
public final class YamlDocuments {
    private YamlDocuments() { }

    /** The non-empty documents of {@code text}; throws {@link ManifestException} on bad YAML. */
    public static List<YamlDocument> parse(String source, String text) {
        var documents = new ArrayList<YamlDocument>();
        try {
            for (YamlTree.Document d : YamlTree.documents(text)) add(documents, d.root(), d.line(), d.lines());
        } catch (YamlTree.Problem p) {
            throw new ManifestException(source, p.line(), p.path(), p.reason());
        } catch (JacksonException e) {
            var problem = YamlSyntax.of(e);
            throw new ManifestException(source, problem.line(), "", problem.reason());
        } catch (IOException e) {
            throw new ManifestException(source, 0, "", "cannot read YAML: " + e.getMessage());
        }
        return documents;
    }

    /**
     * Adds a document, or each item of a list ({@code kind: List}, as {@code kubectl get -o yaml} writes several objects,
     * or a typed list such as {@code PodChaosList}): kubectl apply takes a list's items as if each were its own document.
     * An item's fields keep their lines; its paths lose the {@code items[i].} prefix.
     */
    private static void add(List<YamlDocument> documents, JsonNode root, int line, Map<String, Integer> lines) {
        if (root.path("kind").asText("").endsWith("List") && root.path("items").isArray()) {
            JsonNode items = root.path("items");
            for (int i = 0; i < items.size(); i++) {
                String at = "items[" + i + "]";
                var itemLines = new HashMap<String, Integer>();
                lines.forEach((path, l) -> {
                    if (path.startsWith(at + ".")) itemLines.put(path.substring(at.length() + 1), l);
                });
                add(documents, items.get(i), lines.getOrDefault(at, line), itemLines);
            }
            return;
        }
        documents.add(new YamlDocument(documents.size() + 1, line, root, lines));
    }
}
