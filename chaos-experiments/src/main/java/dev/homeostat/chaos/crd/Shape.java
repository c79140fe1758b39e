package dev.homeostat.chaos.crd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The type of a CRD field as its OpenAPI schema declares it (what {@code kubectl apply} checks): the closed
 * family of shapes a Chaos Mesh manifest is made of.
 */
public sealed interface Shape {
    /** How the type is named in messages, e.g. {@code a string}, {@code a whole number}. */
    String describe();

    /** A string; {@code oneOf} lists the CRD's enum (empty: any string). */
    record Text(List<String> oneOf) implements Shape {
        public Text {
            oneOf = List.copyOf(oneOf);
        }

        @Override public String describe() { return "a string"; }
    }

    /** An integer within {@code [min, max]} (the CRD's minimum/maximum). */
    record Whole(long min, long max) implements Shape {
        @Override public String describe() { return "a whole number"; }
    }

    /** true or false. */
    record Flag() implements Shape {
        @Override public String describe() { return "true or false"; }
    }

    /** A list of {@code item}. */
    record ListOf(Shape item) implements Shape {
        @Override public String describe() { return "a list"; }
    }

    /** A map from strings to {@code value}. */
    record MapOf(Shape value) implements Shape {
        @Override public String describe() { return "a map of key: value"; }
    }

    /**
     * A Kubernetes core type Chaos Mesh embeds ({@code corev1.Container}, {@code corev1.Volume}); checked by reading it
     * into fabric8's model of {@code type}, which knows every field.
     */
    record Core(String name, Class<?> type) implements Shape {
        @Override public String describe() { return "a " + name; }
    }

    /** Anything: content Chaos Mesh does not read either (status, server-set metadata), or a refused kind's spec. */
    record Any(String name) implements Shape {
        @Override public String describe() { return "any value"; }
    }

    /** An object with exactly these fields; any other field is unknown. */
    record Fields(String name, Map<String, Field> fields) implements Shape {
        public Fields {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public static Fields of(String name, List<Field> fields) {
            var map = new LinkedHashMap<String, Field>();
            for (Field f : fields)
                if (map.putIfAbsent(f.name(), f) != null) throw new IllegalStateException(name + ": field " + f.name() + " declared twice");
            return new Fields(name, map);
        }

        /** These fields and {@code more} (Chaos Mesh's inline structs: a spec embeds its selector's fields). */
        public Fields with(String newName, List<Field> more) {
            var all = new java.util.ArrayList<>(fields.values());
            all.addAll(more);
            return of(newName, all);
        }

        public Optional<Field> field(String key) { return Optional.ofNullable(fields.get(key)); }

        @Override public String describe() { return "a mapping (" + name + ")"; }
    }

    static Text text() { return new Text(List.of()); }

    static Text oneOf(String... values) { return new Text(List.of(values)); }

    static Whole whole(long min, long max) { return new Whole(min, max); }

    static Whole whole() { return new Whole(Long.MIN_VALUE, Long.MAX_VALUE); }

    static Flag flag() { return new Flag(); }

    static ListOf listOf(Shape item) { return new ListOf(item); }

    static MapOf mapOf(Shape value) { return new MapOf(value); }
}
