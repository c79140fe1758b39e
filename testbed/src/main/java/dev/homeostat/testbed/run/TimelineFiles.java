package dev.homeostat.testbed.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.homeostat.reports.AtomicFiles;
import dev.homeostat.reports.TimelineSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A run's timeline series as a small JSON file beside its journal; a missing file is no series. */
final class TimelineFiles {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private TimelineFiles() { }

    static void write(List<TimelineSeries> series, Path file) {
        try {
            AtomicFiles.write(file, (JSON.writeValueAsString(series) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static List<TimelineSeries> read(Path file) {
        if (!Files.exists(file)) return List.of();
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<TimelineSeries>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a timeline series file (" + e.getMessage() + "); run the shard again", e);
        }
    }
}
