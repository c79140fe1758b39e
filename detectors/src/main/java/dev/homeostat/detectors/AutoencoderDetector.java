package dev.homeostat.detectors;

import java.util.Arrays;
import java.util.SplittableRandom;

import smile.math.MathEx;
import smile.model.mlp.Layer;
import smile.model.mlp.LayerBuilder;
import smile.model.mlp.MultilayerPerceptron;
import smile.model.mlp.OutputFunction;
import smile.tensor.Vector;
import smile.util.function.TimeFunction;

/**
 * Multivariate: a small Smile multilayer perceptron trained to reproduce standardised value
 * vectors through a bottleneck (input → tanh {@code hidden} → tanh {@code bottleneck} → tanh
 * {@code hidden} → linear output). Score = reconstruction error (root mean square over signals, in
 * robust spreads) / the {@code quantile} of the training rows' errors (floored at
 * {@link TrainedVectorDetector#MIN_SCALE}); anomalous when above {@code threshold}.
 *
 * <p>Why tanh: the net only has to reproduce what it saw. Saturating units cannot extend a line
 * far beyond the training range, so a value at +20 spreads is reconstructed near the edge of the
 * training cloud and its error is large even with one signal (where a linear bottleneck would
 * learn the identity). Inputs are clipped to ±{@link #INPUT_CLIP} spreads before the net sees them,
 * so wild values cannot blow up the weights; the error is measured against the unclipped row.
 *
 * <p>Determinism and cost: initial weights come from Smile's thread-local RNG, re-seeded from the
 * factory's seed on the calling thread just before the net is built; mini-batches are shuffled
 * with a {@link SplittableRandom} from the same seed; no dropout. Training is plain mini-batch
 * gradient descent with RMSProp for {@code epochs} passes (70–150 ms for 500 rows of 3 signals and
 * the default 60 epochs here; 0.4 s for 10,000 rows of one signal, see benchmarks/). Life cycle and refits: {@link TrainedVectorDetector}.
 */
final class AutoencoderDetector {
    private AutoencoderDetector() { }

    /** Robust spreads beyond which the net's input is clipped. */
    static final double INPUT_CLIP = 10;
    private static final int BATCH = 16;

    /** {@code hidden}/{@code bottleneck} of 0 mean "from the number of signals" (chosen at the first fit). */
    record Config(int train, int refit, int hidden, int bottleneck, int epochs, double rate, double quantile, double threshold) {
        static Config from(Params p) {
            int train = p.intAtLeast("train", 120, 8);
            int refit = p.intAtLeast("refit", 0, 0);
            int hidden = p.has("hidden") ? p.intAtLeast("hidden", 8, 1) : 0;
            int bottleneck = p.has("bottleneck") ? p.intAtLeast("bottleneck", 1, 1) : 0;
            int epochs = p.intAtLeast("epochs", 60, 1);
            double rate = p.number("rate", 0.01, 0, true, 1, false);
            double quantile = p.number("quantile", 0.99, 0, true, 1, false);
            double threshold = p.number("threshold", 3, 0, true, Double.MAX_VALUE, false);
            return new Config(train, refit, hidden, bottleneck, epochs, rate, quantile, threshold);
        }

        int hiddenFor(int dim) { return hidden > 0 ? hidden : Math.max(4, 2 * dim); }

        int bottleneckFor(int dim) { return bottleneck > 0 ? bottleneck : Math.max(1, dim / 2); }
    }

    static Detector create(Config cfg, long seed) {
        return new TrainedVectorDetector("autoencoder", cfg.train(), cfg.refit(), cfg.threshold(), (z, s) -> fit(cfg, z, s), seed);
    }

    /** The trained net and the scale of its training errors. */
    record Model(Net net, double scale, double quantile, double threshold) implements TrainedVectorDetector.Model {
        @Override
        public double score(double[] z) { return error(z, net.reconstruct(clip(z))) / scale; }

        @Override
        public String explain(double[] z, double score) {
            double[] r = net.reconstruct(clip(z));
            int worst = 0;
            for (int j = 1; j < z.length; j++) if (Math.abs(z[j] - r[j]) > Math.abs(z[worst] - r[worst])) worst = j;
            return "reconstruction error " + Numbers.fmt(error(z, r)) + " spreads is " + Numbers.fmt(score) + "× the training q"
                    + Numbers.fmt(quantile) + " error " + Numbers.fmt(scale) + " (threshold " + Numbers.fmt(threshold) + "); signal "
                    + worst + " is " + Numbers.fmt(Math.abs(z[worst] - r[worst])) + " spreads " + (z[worst] > r[worst] ? "above" : "below")
                    + " its reconstruction";
        }
    }

    static Model fit(Config cfg, double[][] z, long seed) {
        int dim = z[0].length;
        MathEx.setSeed(seed);             // Smile draws the initial weights from its thread-local RNG
        var net = new Net(dim, cfg.hiddenFor(dim), cfg.bottleneckFor(dim));
        net.setLearningRate(TimeFunction.constant(cfg.rate()));
        net.setRMSProp(0.9, 1e-7);
        double[][] x = new double[z.length][];
        for (int i = 0; i < z.length; i++) x[i] = clip(z[i]);
        var shuffle = new SplittableRandom(seed);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {    // Fisher–Yates
                int r = shuffle.nextInt(i + 1);
                int tmp = order[i]; order[i] = order[r]; order[r] = tmp;
            }
            for (int from = 0; from < order.length; from += BATCH) net.train(x, order, from, Math.min(order.length, from + BATCH));
        }
        double[] errors = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            errors[i] = error(z[i], net.reconstruct(x[i]));
            if (!Double.isFinite(errors[i])) throw new ArithmeticException("training diverged: non-finite reconstruction");
        }
        Arrays.sort(errors);
        double scale = Math.max(TrainedVectorDetector.quantile(errors, cfg.quantile()), TrainedVectorDetector.MIN_SCALE);
        return new Model(net, scale, cfg.quantile(), cfg.threshold());
    }

    static double[] clip(double[] z) {
        double[] c = new double[z.length];
        for (int j = 0; j < z.length; j++) c[j] = Math.max(-INPUT_CLIP, Math.min(INPUT_CLIP, z[j]));
        return c;
    }

    /** Root mean square difference. */
    static double error(double[] z, double[] r) {
        return Math.sqrt(TrainedVectorDetector.distance2(z, r) / z.length);
    }

    /** Smile's perceptron with as many linear outputs as inputs, trained on the input itself. */
    static final class Net extends MultilayerPerceptron {
        private static final long serialVersionUID = 1L;

        Net(int dim, int hidden, int bottleneck) {
            super(layers(Layer.input(dim), Layer.tanh(hidden), Layer.tanh(bottleneck), Layer.tanh(hidden),
                    Layer.mse(dim, OutputFunction.LINEAR)));
        }

        private static Layer[] layers(LayerBuilder... builders) {
            Layer[] net = new Layer[builders.length];
            int p = 0;
            for (int i = 0; i < builders.length; i++) {
                net[i] = builders[i].build(p);
                p = builders[i].neurons();
            }
            return net;
        }

        /** One mini-batch: rows {@code order[from, to)} of {@code x}, each its own target. */
        void train(double[][] x, int[] order, int from, int to) {
            for (int i = from; i < to; i++) {
                double[] row = x[order[i]];
                propagate(vector(row), true);
                Vector goal = target.get();
                for (int j = 0; j < row.length; j++) goal.set(j, row[j]);
                backpropagate(false);
            }
            update(to - from);
            t++;
        }

        double[] reconstruct(double[] x) {
            propagate(vector(x), false);
            return output.output().toArray(new double[x.length]);
        }
    }
}
