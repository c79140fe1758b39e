package dev.homeostat.chaos;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.homeostat.units.YamlSyntax;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a YAML text into documents ({@code ---}) and builds each one's tree while walking the
 * parser's tokens, so every field path gets the line it is on. Duplicate keys are an error (YAML
 * forbids them; Jackson would silently keep the last one).
 */
public final class YamlDocuments {
    /** An empty plain value ({@code labels:} and nothing) is YAML's null, as kubectl reads it; a quoted {@code ''} stays a string. */
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocuments() { }

    /** The non-empty documents of {@code text}; throws {@link ManifestException} on bad YAML. */
    public static List<YamlDocument> parse(String source, String text) {
        var documents = new ArrayList<YamlDocument>();
        try (JsonParser parser = YAML.createParser(text)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                var lines = new HashMap<String, Integer>();
                JsonNode root = read(parser, "", lines, source);
                // An empty document (a stray "---", a file of comments) is skipped, as kubectl does;
                // Jackson's YAML parser reports one as an empty string.
                boolean empty = root.isNull() || root.isTextual() && root.asText().isEmpty();
                if (!empty) add(documents, root, line, lines);
            }
        } catch (ManifestException e) {
            throw e;
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

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines, String source) throws IOException {
        JsonToken token = p.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int line = p.currentTokenLocation().getLineNr();
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (object.has(key))
                        throw new ManifestException(source, line, child,
                                "duplicate key (first on line " + lines.get(child) + "); keep only one");
                    lines.put(child, line);
                    p.nextToken();
                    object.set(key, read(p, child, lines, source));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    array.add(read(p, child, lines, source));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> {
                // YAML writes infinity and NaN (.inf, .nan); JSON, and so a Kubernetes object, cannot hold them
                if (!YamlSyntax.finite(p))
                    throw new ManifestException(source, p.currentTokenLocation().getLineNr(), path,
                            "'" + p.getText() + "' is not a finite number, which a Kubernetes object cannot hold; write a number, or quote it");
                yield NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            // Binary (!!binary) and other embedded values have no place in a Chaos Mesh manifest.
            default -> throw new ManifestException(source, p.currentTokenLocation().getLineNr(), path,
                    "unexpected YAML value (" + token + "); use plain strings, numbers, lists and maps");
        };
    }
}
