package dev.homeostat.remediation.router;

import java.util.function.Supplier;

/** A value got from its source on first use and kept: a tick's list of the cluster's pods, listed only if needed. */
final class Once<T> implements Supplier<T> {
    private final Supplier<T> source;
    private T value;

    Once(Supplier<T> source) { this.source = source; }

    @Override public T get() {
        if (value == null) value = source.get();
        return value;
    }
}
