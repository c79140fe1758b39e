package dev.homeostat.units;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML text as the trees of its documents, built while walking the parser's tokens so every field path
 * ({@code spec.rules[1].name}) gets the line it is on — the one reader of manifests, scenarios, policies and engine
 * configurations. Read as kubectl reads YAML: anchors, aliases and merge keys ({@code &sel}, {@code *sel},
 * {@code <<: *sel}) are resolved (Jackson's streaming parser hands an alias over as the anchor's name, a string), an
 * empty plain value ({@code labels:} and nothing) is null while a quoted {@code ''} stays a string, and an empty
 * document (a stray {@code ---}, a file of comments) is skipped. Duplicate keys are refused (YAML forbids them; Jackson
 * would keep the last), as are numbers no JSON holds ({@code .inf}, {@code .nan}) and aliases that expand to more
 * than {@value #MAX_ALIASED} values (a "billion laughs").
 */
public final class YamlTree {
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Values aliases may expand to in one document: far above any hand-written file, far below what exhausts a heap. */
    static final long MAX_ALIASED = 1_000_000;

    /** One document: the line it starts on, its tree, and the line of every field path in it. */
    public record Document(int line, JsonNode root, Map<String, Integer> lines) {
        public Document {
            lines = Map.copyOf(lines);
        }
    }

    /** What the text says that no tree can hold, at a line and field path. */
    public static final class Problem extends RuntimeException {
        private final int line;
        private final String path;

        Problem(int line, String path, String reason) {
            super(reason);
            this.line = line;
            this.path = path;
        }

        public int line() { return line; }

        public String path() { return path; }

        public String reason() { return getMessage(); }
    }

    private YamlTree() { }

    /**
     * The non-empty documents of {@code text}.
     *
     * @throws com.fasterxml.jackson.core.JacksonException on a syntax error ({@link YamlSyntax#of} words it)
     * @throws Problem on what the syntax allows and a tree cannot hold
     */
    public static List<Document> documents(String text) throws IOException {
        var documents = new ArrayList<Document>();
        Map<String, String> scalarAnchors = scalarAnchors(text);
        try (JsonParser parser = YAML.createParser(text)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                var lines = new HashMap<String, Integer>();
                JsonNode root = new Reader((YAMLParser) parser, lines, scalarAnchors).read("");
                // Jackson's YAML parser reports an empty document as an empty string
                boolean empty = root.isNull() || root.isTextual() && root.asText().isEmpty();
                if (!empty) documents.add(new Document(line, root, lines));
            }
        }
        return documents;
    }

    /**
     * The anchors of scalars, by {@code line:column} of the value: Jackson's parser reports the anchor of a mapping or a
     * list ({@code getObjectId}) but drops a scalar's, so they are read from SnakeYAML's events, the ones Jackson reads.
     * Syntax errors are left to the parse that follows.
     */
    private static Map<String, String> scalarAnchors(String text) {
        if (text.indexOf('&') < 0) return Map.of();
        var anchors = new HashMap<String, String>();
        try {
            for (Event e : new Yaml().parse(new StringReader(text)))
                if (e instanceof ScalarEvent s && s.getAnchor() != null)
                    anchors.put((s.getStartMark().getLine() + 1) + ":" + (s.getStartMark().getColumn() + 1), s.getAnchor());
        } catch (YAMLException e) {
            return anchors;
        }
        return anchors;
    }

    /** One document's walk: its lines, and its anchors (an anchor is known from its definition to the document's end). */
    private record Reader(YAMLParser p, Map<String, Integer> lines, Map<String, String> scalarAnchors, Map<String, JsonNode> anchors,
                          long[] copied) {
        Reader(YAMLParser p, Map<String, Integer> lines, Map<String, String> scalarAnchors) {
            this(p, lines, scalarAnchors, new HashMap<>(), new long[1]);
        }

        JsonNode read(String path) throws IOException {
            var at = p.currentTokenLocation();
            String anchor = p.getObjectId() instanceof String id ? id : scalarAnchors.get(at.getLineNr() + ":" + at.getColumnNr());
            JsonNode node = p.isCurrentAlias() ? alias(path) : value(path);
            if (anchor != null) anchors.put(anchor, node);
            return node;
        }

        private JsonNode alias(String path) throws IOException {
            JsonNode target = anchors.get(p.getText());
            if (target == null)
                throw new Problem(p.currentTokenLocation().getLineNr(), path,
                        "alias *" + p.getText() + " names no anchor; define &" + p.getText() + " before it, in the same document");
            // aliases of aliases grow a tree exponentially (a "billion laughs"); kubectl's reader refuses such aliasing too
            copied[0] += size(target);
            if (copied[0] > MAX_ALIASED)
                throw new Problem(p.currentTokenLocation().getLineNr(), path, "excessive aliasing: aliases expand to more than "
                        + MAX_ALIASED + " values; write the repeated parts out, or alias fewer times");
            return target.deepCopy();
        }

        private static long size(JsonNode n) {
            long s = 1;
            for (JsonNode child : n) s += size(child);
            return s;
        }

        private JsonNode value(String path) throws IOException {
            JsonToken token = p.currentToken();
            return switch (token) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> {
                    ArrayNode array = NODES.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String child = path + "[" + i++ + "]";
                        lines.put(child, p.currentTokenLocation().getLineNr());
                        array.add(read(child));
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
                        throw new Problem(p.currentTokenLocation().getLineNr(), path,
                                "'" + p.getText() + "' is not a finite number, which a Kubernetes object cannot hold; write a number, or quote it");
                    yield NODES.numberNode(p.getDecimalValue());
                }
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                // Binary (!!binary) and other embedded values have no place in a Kubernetes-style document.
                default -> throw new Problem(p.currentTokenLocation().getLineNr(), path,
                        "unexpected YAML value (" + token + "); use plain strings, numbers, lists and maps");
            };
        }

        /**
         * A mapping; a merge key ({@code <<}) brings in the fields of the mapping it names, or of each mapping of a list,
         * that the mapping does not set itself (YAML's merge key type: its own keys win, then the earlier of the list).
         */
        private ObjectNode object(String path) throws IOException {
            ObjectNode object = NODES.objectNode();
            var merged = new ArrayList<ObjectNode>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                String child = path.isEmpty() ? key : path + "." + key;
                if (object.has(key) || key.equals("<<") && lines.containsKey(child))
                    throw new Problem(line, child,
                            "duplicate key (first on line " + lines.get(child) + "); keep only one");
                lines.put(child, line);
                p.nextToken();
                JsonNode value = read(child);
                if (!key.equals("<<")) object.set(key, value);
                else if (value instanceof ObjectNode m) merged.add(m);
                else if (value instanceof ArrayNode list && list.valueStream().allMatch(JsonNode::isObject))
                    list.forEach(m -> merged.add((ObjectNode) m));
                else throw new Problem(line, child,
                            "a merge key (<<) takes a mapping or a list of mappings, such as <<: *defaults; found " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            lines.remove(path.isEmpty() ? "<<" : path + ".<<");
            for (ObjectNode m : merged)
                m.properties().forEach(e -> {
                    if (!object.has(e.getKey())) object.set(e.getKey(), e.getValue().deepCopy());
                });
            return object;
        }
    }
}
