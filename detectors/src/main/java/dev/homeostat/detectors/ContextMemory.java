package dev.homeostat.detectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The context memory of the Contextual Anomaly Detector (CAD OSE, Smirnov 2016; NAB's
 * {@code nab/detectors/context_ose/context_operator.py}), rewritten with the same semantics.
 *
 * <p>A context is a pair of semi-contexts: a left one (facts of the previous step: sensor facts and the
 * ids of the contexts that fired then, as "neuron" facts) and a right one (sensor facts of this step).
 * Each step crosses the right semi-contexts with the current sensor facts, counts how many fully
 * matched left semi-contexts also match on the right (the "selected" contexts that became active),
 * proposes new contexts from the partial matches of zero-level contexts, and then crosses the left
 * semi-contexts with this step's facts for the next step.
 *
 * <p>Python details kept on purpose, so scores follow the reference: dictionaries iterate in insertion
 * order (Python 3.7+); active contexts are ranked by (count, left hash, right hash) with CPython 3.8+'s
 * tuple hash; and the reference compares {@code newContextID != contextID} with {@code newContextID}
 * False when no context was created this step — in Python {@code False == 0}, so context 0 is then
 * skipped. Only the semi-contexts a fact touches are visited when crossing (the reference scans them
 * all and keeps the same ones).
 */
final class ContextMemory {
    /** One semi-context: its facts, the facts of the current crossing, and (left side) its contexts by right semi-context. */
    private static final class Semi {
        final int id;
        final long[] facts;
        final long[] crossed;
        int crossedCount;
        int stamp = -1;
        // left side only: right semi-context id → context id, in insertion order
        int[] rights = new int[0];
        int[] contexts = new int[0];
        int links;
        Map<Integer, Integer> byRight;

        Semi(int id, long[] facts) {
            this.id = id;
            this.facts = facts;
            this.crossed = new long[facts.length];
        }
    }

    /** A list of facts as a map key (the reference keys by the tuple's hash; content equality here). */
    private record Key(long[] facts) {
        @Override public boolean equals(Object o) { return o instanceof Key k && Arrays.equals(facts, k.facts); }
        @Override public int hashCode() { return Arrays.hashCode(facts); }
    }

    /** Contexts proposed from partial matches: left and right facts. */
    record Candidate(long[] left, long[] right) { }

    /** What a right crossing finds: the active contexts (ids), how many were selected, and the proposed new contexts. */
    record Crossing(int[] active, int activeCount, int selected, List<Candidate> proposed) { }

    private final int maxLeftSemiContextLength;
    @SuppressWarnings("unchecked")
    private final Map<Long, List<Semi>>[] factIndex = new Map[] {new HashMap<>(), new HashMap<>()};
    @SuppressWarnings("unchecked")
    private final Map<Key, Semi>[] semiByFacts = new Map[] {new HashMap<>(), new HashMap<>()};
    @SuppressWarnings("unchecked")
    private final List<Semi>[] semis = new List[] {new ArrayList<>(), new ArrayList<>()};
    @SuppressWarnings("unchecked")
    private final List<Semi>[] crossedSemis = new List[] {new ArrayList<>(), new ArrayList<>()};
    private int[] contextCount = new int[64];
    private boolean[] zeroLevel = new boolean[64];
    private long[] leftHash = new long[64];
    private long[] rightHash = new long[64];
    private int contexts;
    private int newContextId;  // 0 stands for the reference's False as well (False == 0 in Python)
    private int stamp;
    private int[] active = new int[16];
    private int[] touched = new int[64];

    ContextMemory(int maxLeftSemiContextLength) {
        this.maxLeftSemiContextLength = maxLeftSemiContextLength;
    }

    int contexts() { return contexts; }

    int count(int context) { return contextCount[context]; }

    long leftHash(int context) { return leftHash[context]; }

    long rightHash(int context) { return rightHash[context]; }

    /** getContextByFacts with zerolevel = 1: whether the context (left, right) is new; it becomes this step's new context. */
    boolean addZeroLevel(long[] left, long[] right) {
        Semi l = semi(0, left);
        Semi r = semi(1, right);
        Integer existing = l.byRight == null ? null : l.byRight.get(r.id);
        if (existing == null) {
            newContextId = link(l, r, left, right, true);
            return true;
        }
        zeroLevel[existing] = true;
        return false;
    }

    /** getContextByFacts with zerolevel = 0: how many of the candidates were new contexts. */
    int addAll(List<Candidate> candidates) {
        int added = 0;
        for (Candidate c : candidates) {
            Semi l = semi(0, c.left());
            Semi r = semi(1, c.right());
            if (l.byRight == null || !l.byRight.containsKey(r.id)) {
                link(l, r, c.left(), c.right(), false);
                added++;
            }
        }
        return added;
    }

    /** contextCrosser(leftOrRight = 1, ...): crosses the right semi-contexts with the sensor facts and updates the contexts. */
    Crossing crossRight(long[] sensorFacts, boolean newContext) {
        cross(1, sensorFacts);
        int activeCount = 0, selected = 0;
        List<Candidate> proposed = new ArrayList<>();
        for (Semi left : crossedSemis[0]) {
            boolean leftFull = left.facts.length == left.crossedCount;
            for (int j = 0; j < left.links; j++) {
                int context = left.contexts[j];
                if (context == newContextId) continue;
                Semi right = semis[1].get(left.rights[j]);
                if (leftFull) {
                    selected++;
                    if (right.crossedCount > 0) {
                        if (right.facts.length == right.crossedCount) {
                            contextCount[context]++;
                            if (activeCount == active.length) active = Arrays.copyOf(active, activeCount * 2);
                            active[activeCount++] = context;
                        } else if (zeroLevel[context] && newContext && left.crossedCount <= maxLeftSemiContextLength) {
                            proposed.add(new Candidate(crossedFacts(left), crossedFacts(right)));
                        }
                    }
                } else if (zeroLevel[context] && newContext && right.crossedCount > 0 && left.crossedCount <= maxLeftSemiContextLength) {
                    proposed.add(new Candidate(crossedFacts(left), crossedFacts(right)));
                }
            }
        }
        newContextId = 0;
        return new Crossing(active, activeCount, selected, proposed);
    }

    /** contextCrosser(leftOrRight = 0, ...): stores the proposed contexts, then crosses the left semi-contexts with the step's facts. */
    int crossLeft(long[] facts, List<Candidate> proposed) {
        int added = proposed.isEmpty() ? 0 : addAll(proposed);
        cross(0, facts);
        return added;
    }

    private void cross(int side, long[] facts) {
        for (Semi s : crossedSemis[side]) s.crossedCount = 0;
        int mark = ++stamp;
        int count = 0;
        for (long fact : facts) {
            List<Semi> holders = factIndex[side].get(fact);
            if (holders == null) continue;
            for (Semi s : holders) {
                if (s.stamp != mark) {
                    s.stamp = mark;
                    s.crossedCount = 0;
                    if (count == touched.length) touched = Arrays.copyOf(touched, count * 2);
                    touched[count++] = s.id;
                }
                s.crossed[s.crossedCount++] = fact;
            }
        }
        // the reference keeps them in creation order, and proposes new contexts in that order
        Arrays.sort(touched, 0, count);
        List<Semi> all = semis[side];
        List<Semi> crossed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) crossed.add(all.get(touched[i]));
        crossedSemis[side] = crossed;
    }

    private static long[] crossedFacts(Semi s) { return Arrays.copyOf(s.crossed, s.crossedCount); }

    private Semi semi(int side, long[] facts) {
        Key key = new Key(facts);
        Semi s = semiByFacts[side].get(key);
        if (s != null) return s;
        s = new Semi(semis[side].size(), facts);
        semiByFacts[side].put(key, s);
        semis[side].add(s);
        for (long fact : facts) factIndex[side].computeIfAbsent(fact, f -> new ArrayList<>()).add(s);
        return s;
    }

    private int link(Semi left, Semi right, long[] leftFacts, long[] rightFacts, boolean zero) {
        int id = contexts++;
        if (id == contextCount.length) {
            int n = id * 2;
            contextCount = Arrays.copyOf(contextCount, n);
            zeroLevel = Arrays.copyOf(zeroLevel, n);
            leftHash = Arrays.copyOf(leftHash, n);
            rightHash = Arrays.copyOf(rightHash, n);
        }
        zeroLevel[id] = zero;
        leftHash[id] = PythonHash.tuple(leftFacts);
        rightHash[id] = PythonHash.tuple(rightFacts);
        if (left.byRight == null) left.byRight = new HashMap<>();
        left.byRight.put(right.id, id);
        if (left.links == left.rights.length) {
            int n = Math.max(4, left.links * 2);
            left.rights = Arrays.copyOf(left.rights, n);
            left.contexts = Arrays.copyOf(left.contexts, n);
        }
        left.rights[left.links] = right.id;
        left.contexts[left.links++] = id;
        return id;
    }
}
