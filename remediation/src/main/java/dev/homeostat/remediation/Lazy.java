package dev.homeostat.remediation;

import java.util.function.Supplier;

/** A value computed on first use and kept: the cluster's pods of one tick, listed only if the tick needs them. */
final class Lazy<T> implements Supplier<T> {
    private Supplier<T> source;
    private T value;

    Lazy(Supplier<T> source) { this.source = source; }

    @Override public T get() {
        if (source != null) {
            value = source.get();
            source = null;
        }
        return value;
    }
}
