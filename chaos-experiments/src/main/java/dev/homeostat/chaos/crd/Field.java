package dev.homeostat.chaos.crd;

/** One field of a CRD object: its name as written in YAML, its type, and what the simulator does with it. */
public record Field(String name, Shape shape, Support support) {
    public Field {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name: required");
        if (shape == null) throw new IllegalArgumentException(name + ": shape required");
        if (support == null) throw new IllegalArgumentException(name + ": support required");
    }

    public static Field of(String name, Shape shape, Support support) { return new Field(name, shape, support); }
}
