package dev.homeostat.detectors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.data.vector.ValueVector;
import smile.model.cart.SplitRule;
import smile.util.IntSet;
import smile.validation.ClassificationMetrics;

/**
 * A trained failure-mode classifier: which features it reads (in order), which classes it tells
 * apart, how many observations a window holds, free-form training facts ({@code info}, sorted), and
 * the Smile random forest itself.
 *
 * <p>File format ({@link #toBytes}, version 1), big-endian as {@link DataOutputStream} writes it:
 * the UTF string {@value #FORMAT}, int version, int window length, int feature count + UTF names,
 * int class count + UTF names, int info count + UTF key/value pairs, int length + the
 * Java-serialized {@link RandomForest} (Smile models are {@code Serializable}). Reading checks the
 * magic, the version and that the forest's input matches the listed features, and deserializes
 * only Smile and JDK classes (an {@link ObjectInputFilter}), so a stray file cannot run code.
 *
 * <p>Training is reproducible per seed: Smile fits trees in parallel, but it re-seeds its RNG at
 * the start of each tree from {@code Options.seeds}, which this class fills from a
 * {@link SplittableRandom} of the seed; and the fit times Smile records in its metrics are zeroed,
 * so the same seed and data give the same bytes.
 */
public final class FailureModel {
    public static final String FORMAT = "homeostat-failure-model";
    public static final int VERSION = 1;
    /** The class of windows no fault covers. */
    public static final String NORMAL = "normal";
    private static final String LABEL = "failure_mode";

    private final int windowLength;
    private final List<String> features;
    private final List<String> classes;
    private final SortedMap<String, String> info;
    private final RandomForest forest;
    private final StructType inputSchema;

    private FailureModel(int windowLength, List<String> features, List<String> classes, Map<String, String> info, RandomForest forest) {
        if (windowLength < 1) throw new IllegalArgumentException("window length must be >= 1, was " + windowLength);
        this.windowLength = windowLength;
        this.features = List.copyOf(features);
        this.classes = List.copyOf(classes);
        this.info = Collections.unmodifiableSortedMap(new TreeMap<>(info));
        this.forest = forest;
        var fields = new ArrayList<StructField>();
        for (String f : features) fields.add(new StructField(f, DataTypes.DoubleType));
        this.inputSchema = new StructType(fields);
    }

    /** The class predicted for one feature vector, its probability and every class's probability (in {@link #classes()} order). */
    public record Prediction(String label, double probability, double[] probabilities) { }

    public int windowLength() { return windowLength; }

    public List<String> features() { return features; }

    public List<String> classes() { return classes; }

    public SortedMap<String, String> info() { return info; }

    /** Smile's out-of-bag accuracy of the forest, as measured when it was fitted. */
    public double outOfBagAccuracy() { return forest.metrics().accuracy(); }

    /**
     * Fits a random forest on {@code x} (rows of {@code featureNames.size()} finite values) with
     * labels {@code y}. Classes are the distinct labels, sorted. Throws IllegalArgumentException
     * when rows and labels disagree in number or width, or fewer than two classes are present.
     */
    public static FailureModel train(List<String> featureNames, double[][] x, List<String> y, int windowLength,
                                     int trees, long seed, Map<String, String> info) {
        if (x.length != y.size()) throw new IllegalArgumentException("training data: " + x.length + " rows but " + y.size() + " labels");
        List<String> classes = y.stream().distinct().sorted().toList();
        if (classes.size() < 2)
            throw new IllegalArgumentException("training data: one class only (" + (classes.isEmpty() ? "no rows" : classes.getFirst())
                    + "); a classifier needs windows of at least two classes, e.g. a fault scenario and its normal pods");
        if (trees < 1) throw new IllegalArgumentException("trees: must be >= 1, was " + trees);
        int d = featureNames.size();
        double[][] columns = new double[d][x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) throw new IllegalArgumentException("training data: row " + i + " has " + x[i].length + " features, expected " + d);
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) throw new IllegalArgumentException("training data: row " + i + " feature " + featureNames.get(j) + " is not finite");
                columns[j][i] = x[i][j];
            }
        }
        int[] labels = new int[y.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = Collections.binarySearch(classes, y.get(i));
        var vectors = new ValueVector[d + 1];
        for (int j = 0; j < d; j++) vectors[j] = ValueVector.of(featureNames.get(j), columns[j]);
        vectors[d] = ValueVector.of(LABEL, labels);
        long[] seeds = new long[trees];
        var random = new SplittableRandom(seed);
        for (int t = 0; t < trees; t++) seeds[t] = random.nextLong();
        // Smile's defaults (mtry = √d, depth 20, node size 5, bootstrap) with one seed per tree
        var options = new RandomForest.Options(trees, 0, SplitRule.GINI, 20, 0, 5, 1.0, null, seeds, null);
        RandomForest fitted = RandomForest.fit(Formula.lhs(LABEL), new DataFrame(vectors), options);
        return new FailureModel(windowLength, featureNames, classes, info, withoutTimes(fitted));
    }

    /** The forest with Smile's wall-clock fit/score times zeroed, so same seed and data → same bytes. */
    private static RandomForest withoutTimes(RandomForest f) {
        RandomForest.Model[] models = f.models();
        var clean = new RandomForest.Model[models.length];
        for (int i = 0; i < models.length; i++) clean[i] = new RandomForest.Model(models[i].tree(), withoutTimes(models[i].metrics()), models[i].weight());
        return new RandomForest(f.formula(), f.numClasses(), clean, withoutTimes(f.metrics()), f.importance(), new IntSet(f.classes()));
    }

    private static ClassificationMetrics withoutTimes(ClassificationMetrics m) {
        return new ClassificationMetrics(0, 0, m.size(), m.error(), m.accuracy(), m.sensitivity(), m.specificity(), m.precision(),
                m.f1(), m.mcc(), m.auc(), m.logloss(), m.crossEntropy());
    }

    /** Classifies one feature vector (in {@link #features()} order); non-finite values count as {@link FailureFeatures#MISSING}. */
    public Prediction predict(double[] featureVector) {
        if (featureVector.length != features.size())
            throw new IllegalArgumentException("model expects " + features.size() + " features " + features + ", got " + featureVector.length);
        double[] row = new double[featureVector.length];
        for (int j = 0; j < row.length; j++) row[j] = Double.isFinite(featureVector[j]) ? featureVector[j] : FailureFeatures.MISSING;
        double[] posteriori = new double[classes.size()];
        int k = forest.predict(Tuple.of(inputSchema, row), posteriori);
        return new Prediction(classes.get(k), posteriori[k], posteriori);
    }

    /** The file's bytes (see the class comment); deterministic for a given model. */
    public byte[] toBytes() {
        try {
            var forestBytes = new ByteArrayOutputStream();
            try (var oos = new ObjectOutputStream(forestBytes)) {
                oos.writeObject(forest);
            }
            var out = new ByteArrayOutputStream();
            try (var data = new DataOutputStream(out)) {
                data.writeUTF(FORMAT);
                data.writeInt(VERSION);
                data.writeInt(windowLength);
                writeStrings(data, features);
                writeStrings(data, classes);
                data.writeInt(info.size());
                for (var e : info.entrySet()) { data.writeUTF(e.getKey()); data.writeUTF(e.getValue()); }
                data.writeInt(forestBytes.size());
                forestBytes.writeTo(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the failure model: " + e.getMessage(), e);
        }
    }

    /** Reads a model file; IllegalArgumentException naming the file when it is missing or not a model of this version. */
    public static FailureModel load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such model file; train one with 'homeostat train --out " + file + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read model file: " + e.getMessage(), e);
        }
        return fromBytes(bytes, file.toString());
    }

    /** Parses {@link #toBytes} output; {@code source} names the origin in error messages. */
    public static FailureModel fromBytes(byte[] bytes, String source) {
        try (var data = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String magic;
            try {
                magic = data.readUTF();
            } catch (IOException e) {
                magic = "";
            }
            if (!FORMAT.equals(magic))
                throw new IllegalArgumentException(source + ": not a Homeostat failure model (no '" + FORMAT + "' header); train one with 'homeostat train'");
            int version = data.readInt();
            if (version != VERSION)
                throw new IllegalArgumentException(source + ": model format version " + version + ", this build reads version " + VERSION + "; retrain with this build's 'homeostat train'");
            int windowLength = data.readInt();
            List<String> features = readStrings(data);
            List<String> classes = readStrings(data);
            int infoCount = data.readInt();
            var info = new TreeMap<String, String>();
            for (int i = 0; i < infoCount; i++) info.put(data.readUTF(), data.readUTF());
            byte[] forestBytes = new byte[data.readInt()];
            data.readFully(forestBytes);
            RandomForest forest;
            try (var ois = new ObjectInputStream(new ByteArrayInputStream(forestBytes))) {
                ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("smile.**;java.lang.*;java.util.*;!*"));
                forest = (RandomForest) ois.readObject();
            }
            if (windowLength < 1 || classes.size() != forest.numClasses() || new LinkedHashSet<>(features).size() != features.size())
                throw new IllegalArgumentException(source + ": inconsistent model (window " + windowLength + ", " + classes.size() + " class names for "
                        + forest.numClasses() + " classes); retrain it");
            List<String> inputs = Arrays.asList(forest.schema().names());
            if (!inputs.equals(features))
                throw new IllegalArgumentException(source + ": the forest reads " + inputs + " but the file lists " + features + "; retrain it");
            return new FailureModel(windowLength, features, classes, info, forest);
        } catch (InvalidClassException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException(source + ": the model holds classes this build does not read (" + e.getMessage() + "); retrain it", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": truncated or corrupt model file (" + e.getMessage() + "); retrain it", e);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) out.writeUTF(v);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 10_000) throw new IOException("bad count " + n);
        var out = new ArrayList<String>(n);
        for (int i = 0; i < n; i++) out.add(in.readUTF());
        return out;
    }
}
