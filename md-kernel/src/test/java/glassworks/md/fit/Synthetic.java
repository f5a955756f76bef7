package glassworks.md.fit;

import java.util.random.RandomGenerator;
import java.util.function.DoubleUnaryOperator;

/**
 * Synthetic data for the fit tests: evenly spaced x, exact curves, multiplicative (log-normal) noise. Noise comes from
 * {@code SplittableRandom} (java.util.Random's first Gaussians are correlated across consecutive seeds, which would bias
 * a coverage study over seeds 0..199).
 */
final class Synthetic {
    private Synthetic() {
    }

    static double[] grid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    static double[] logGrid(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo * Math.pow(hi / lo, (double) i / (n - 1));
        }
        return x;
    }

    static double[] exact(double[] x, DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /** y * exp(sigma_i g_i): Gaussian noise of standard deviation sigma_i on ln y. */
    static double[] multiplicative(double[] y, double[] sigma, RandomGenerator rnd) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * Math.exp(sigma[i] * rnd.nextGaussian());
        }
        return out;
    }

    /** y + sigma_i g_i. */
    static double[] additive(double[] y, double[] sigma, RandomGenerator rnd) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] + sigma[i] * rnd.nextGaussian();
        }
        return out;
    }

    static double[] constant(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    static double arrhenius(double t, double lnTau0, double e) {
        return Math.exp(lnTau0 + e / t);
    }

    static double vft(double t, double lnTau0, double d, double t0) {
        return Math.exp(lnTau0 + d * t0 / (t - t0));
    }

    static double mct(double t, double lnA, double gamma, double tc) {
        return Math.exp(lnA - gamma * Math.log(t - tc));
    }
}
