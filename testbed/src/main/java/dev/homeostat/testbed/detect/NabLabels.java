package dev.homeostat.testbed.detect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's {@code combined_windows.json}: {@code {"folder/file.csv": [["start", "end"], ...], ...}}, with
 * timestamps {@code YYYY-MM-DD HH:MM:SS[.ffffff]}. Read with Jackson's streaming parser so that every
 * problem names its line.
 */
final class NabLabels {
    /** A window and the line of the labels file it is written on. */
    record Window(LabelWindow window, int line) { }

    private static final JsonFactory JSON = new JsonFactory();
    private static final String SHAPE = "expected {\"folder/file.csv\": [[\"start\", \"end\"], ...], ...}";

    private NabLabels() { }

    static Map<String, List<Window>> read(Path file) {
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw bad(file, p, SHAPE);
            var labels = new LinkedHashMap<String, List<Window>>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (labels.containsKey(key)) throw bad(file, p, "'" + key + "' is listed twice; merge its windows into one list");
                if (p.nextToken() != JsonToken.START_ARRAY) throw bad(file, p, "'" + key + "': expected a list of [start, end] windows");
                var windows = new ArrayList<Window>();
                while (p.nextToken() != JsonToken.END_ARRAY) windows.add(window(file, p, key));
                labels.put(key, windows);
            }
            if (p.currentToken() != JsonToken.END_OBJECT) throw bad(file, p, SHAPE);
            if (p.nextToken() != null) throw bad(file, p, "unexpected content after the labels object; " + SHAPE);
            return labels;
        } catch (JsonParseException e) {
            throw new NabDataException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid JSON (" + dev.homeostat.reports.JsonText.problem(e) + "); " + SHAPE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Window window(Path file, JsonParser p, String key) throws IOException {
        int line = p.currentLocation().getLineNr();
        String expected = "'" + key + "': a window must be [\"start\", \"end\"] with timestamps YYYY-MM-DD HH:MM:SS[.ffffff]";
        if (p.currentToken() != JsonToken.START_ARRAY) throw bad(file, p, expected);
        String[] limits = new String[2];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING || n == 2) throw bad(file, p, expected);
            limits[n++] = p.getText();
        }
        if (n != 2) throw bad(file, p, expected);
        Long start = NabTime.parse(limits[0]);
        Long end = NabTime.parse(limits[1]);
        if (start == null || end == null) {
            throw new NabDataException(file, line, "'" + key + "': '" + (start == null ? limits[0] : limits[1])
                    + "' is not a timestamp YYYY-MM-DD HH:MM:SS[.ffffff]");
        }
        try {
            return new Window(new LabelWindow(start, end), line);
        } catch (IllegalArgumentException e) {
            throw new NabDataException(file, line, "'" + key + "': " + e.getMessage());
        }
    }

    private static NabDataException bad(Path file, JsonParser p, String message) {
        return new NabDataException(file, p.currentLocation().getLineNr(), message);
    }
}
