package dev.homeostat.reports.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.homeostat.reports.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads and writes a {@link Journal} as JSON Lines.
 *
 * <p>Line 1 is the header {@code {"format":"homeostat-journal","version":1,"scenario":…,"seed":…,"engine":…}};
 * every further line is one event: {@code {"type":"FaultStarted","t":…,…}} where {@code type} is the record's
 * simple name as it stands and the other fields follow the record components in declaration order.
 * Lines end with {@code \n} on every platform, so the same journal gives the same bytes everywhere.
 */
public final class JournalIo {
    public static final String FORMAT = "homeostat-journal";
    public static final int VERSION = 2;

    /** The first line of every journal file. */
    public record Header(String format, int version, String scenario, long seed, boolean engine) { }

    // Mix-in rather than annotations on the contract type: the journal records stay plain data.
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    private interface EventMixin { }

    /** {@code upstream} is written only when a fault has callers; a line without it reads as an empty list. */
    private interface FaultStartedMixin {
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<String> upstream();
    }

    /** The fields a run may not know are left out rather than written as null. */
    private interface ActionTakenMixin {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String guard();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer readyBefore();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer readyAfter();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer minReady();
    }

    private static final JsonMapper MAPPER = mapper();

    private JournalIo() { }

    private static JsonMapper mapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addMixIn(JournalEvent.class, EventMixin.class)
                .addMixIn(JournalEvent.FaultStarted.class, FaultStartedMixin.class)
                .addMixIn(JournalEvent.ActionTaken.class, ActionTakenMixin.class)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        for (Class<?> type : JournalEvent.class.getPermittedSubclasses()) {
            mapper.registerSubtypes(new NamedType(type, type.getSimpleName()));
        }
        return mapper;
    }

    /** The names the {@code type} field may take, in declaration order. */
    public static List<String> eventTypes() {
        return Arrays.stream(JournalEvent.class.getPermittedSubclasses()).map(Class::getSimpleName).toList();
    }

    /** The journal as JSON Lines text (header line, then one line per event, each ending in a newline). */
    public static String toJsonLines(Journal journal) {
        Objects.requireNonNull(journal, "journal");
        StringBuilder out = new StringBuilder();
        try {
            out.append(MAPPER.writeValueAsString(
                    new Header(FORMAT, VERSION, journal.scenario(), journal.seed(), journal.engine()))).append('\n');
            for (JournalEvent event : journal.events()) {
                out.append(MAPPER.writerFor(JournalEvent.class).writeValueAsString(event)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise journal of scenario " + journal.scenario(), e);
        }
        return out.toString();
    }

    /** Writes {@code journal} to {@code file} atomically (temp file in the same folder, then moved into place). */
    public static void write(Journal journal, Path file) {
        AtomicFiles.write(file, toJsonLines(journal).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a journal written by {@link #write}; a malformed line fails with the file, the line number and the fix. */
    public static Journal read(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    /** Parses JSON Lines text; {@code source} names the input in error messages. */
    public static Journal parse(String text, String source) {
        return parse(text.lines().toList(), source);
    }

    private static Journal parse(List<String> lines, String source) {
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            throw new IllegalArgumentException(source + " line 1: missing journal header; the first line must be "
                    + "{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"scenario\":…,\"seed\":…,\"engine\":…}");
        }
        Header header;
        try {
            header = MAPPER.readValue(lines.getFirst(), Header.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " line 1: malformed journal header (" + e.getOriginalMessage()
                    + "); expected fields format, version, scenario, seed, engine", e);
        }
        if (FORMAT.equals(header.format()) && header.version() < VERSION) {
            throw new IllegalArgumentException(source + " line 1: journal version " + header.version() + " was written by an older "
                    + "Homeostat (its pages and actions lack fields scoring now needs); re-run the scenario to write version " + VERSION);
        }
        if (!FORMAT.equals(header.format()) || header.version() != VERSION) {
            throw new IllegalArgumentException(source + " line 1: format " + header.format() + " version "
                    + header.version() + " is not a journal this build reads; expected format " + FORMAT
                    + " version " + VERSION);
        }
        List<JournalEvent> events = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JournalEvent event;
            try {
                event = MAPPER.readValue(line, JournalEvent.class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": malformed event ("
                        + e.getOriginalMessage() + "); each line needs a \"type\" field, one of "
                        + eventTypes().stream().collect(Collectors.joining(", ")), e);
            }
            if (!events.isEmpty() && event.t() < events.getLast().t()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": t " + event.t()
                        + " is before the previous event's t " + events.getLast().t()
                        + "; journal events must be in time order");
            }
            events.add(event);
        }
        return new Journal(header.scenario(), header.seed(), header.engine(), events);
    }
}
