package dev.homeostat.remediation.live;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.homeostat.remediation.model.ClusterAction;
import dev.homeostat.remediation.model.EngineEvent;
import dev.homeostat.remediation.port.EngineListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live engine's journal: one JSON object per {@link EngineEvent}, one per line, appended and
 * flushed as it happens — {@code {"time":"2025-01-31T12:00:15Z","type":"ActionTaken",
 * "timeMillis":...,"action":{"type":"RestartPod","target":{...}},"rule":...,"service":...,"outcome":"REFUSED","guard":null,"detail":"dry-run: would ..."}}.
 *
 * <p>Written here with Jackson rather than with the reports module's journal format, because the
 * engine must not depend on reports. A live journal is a stream, so unlike reports it is appended
 * to in place (a crash loses at most the line being written), not written aside and moved.
 */
public final class JsonLinesJournal implements EngineListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .addMixIn(ClusterAction.class, Typed.class);

    /** Names each action by its record's simple name, so a reader can tell RestartPod from Page. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface Typed { }

    /** Reads what {@link #on} writes: the {@code type} names the event, the action's {@code type} its record; {@code time} is a copy. */
    private static final ObjectMapper READER = reader();

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface Named { }

    private static ObjectMapper reader() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(EngineEvent.class, Named.class).addMixIn(ClusterAction.class, Named.class);
        for (Class<?> type : EngineEvent.class.getPermittedSubclasses()) mapper.registerSubtypes(new NamedType(type, type.getSimpleName()));
        for (Class<?> type : ClusterAction.class.getPermittedSubclasses()) mapper.registerSubtypes(new NamedType(type, type.getSimpleName()));
        return mapper;
    }

    /**
     * A live engine's journal read back into its events (for scoring a live run, e.g. the rehearsal). A malformed line
     * fails naming the file and the line; an empty or missing file has no events.
     */
    public static List<EngineEvent> read(Path file) {
        if (!Files.exists(file)) return List.of();
        List<EngineEvent> events = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read engine journal " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                events.add(READER.readValue(lines.get(i), EngineEvent.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not an engine event (" + e.getOriginalMessage() + ")", e);
            }
        }
        return events;
    }

    private final Path file;
    private final BufferedWriter out;

    public JsonLinesJournal(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalArgumentException("journal " + file + ": cannot open for appending (" + e.getMessage() + "); choose a writable path", e);
        }
    }

    /** One event as the JSON object this journal writes. */
    public static ObjectNode toJson(EngineEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", Instant.ofEpochMilli(event.timeMillis()).toString());
        node.put("type", event.getClass().getSimpleName());
        node.setAll((ObjectNode) JSON.valueToTree(event));
        return node;
    }

    @Override public synchronized void on(EngineEvent event) {
        try {
            out.write(JSON.writeValueAsString(toJson(event)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing journal " + file, e);
        }
    }

    @Override public synchronized void close() throws IOException {
        out.close();
    }
}
