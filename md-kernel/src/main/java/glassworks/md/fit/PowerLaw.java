package glassworks.md.fit;

import java.util.List;

/**
 * Mode-coupling power law tau = A (T - T_c)^(-gamma), fitted in log space: ln tau = ln_A - gamma ln(T - T_c) (x = T,
 * response ln tau). Parameters {@code ln_A}, {@code gamma}, {@code T_c} (the MCT crossover temperature). For a diffusion
 * constant, D ~ (T - T_c)^(gamma_D), the same fit gives gamma = -gamma_D.
 *
 * <p><b>Domain.</b> Every temperature must lie above T_c: an initial guess with T_c &ge; min T is refused, a trial step
 * across it is rejected, and an optimum with T_c within 10^-4 (max T - min T) of min T is refused. The power law is meant
 * for temperatures above T_c only; fit it on the range where it holds (typically not far above T_c, and not through the
 * high-T Arrhenius regime).
 *
 * <p><b>Initial guess.</b> A log-spaced grid of T_c = min T - delta, delta from 10^-4 to 10 times (max T - min T): for each,
 * ln tau is linear in ln(T - T_c); the best straight line (least weighted residual) starts the optimiser.
 */
public final class PowerLaw implements Model {
    public static final PowerLaw INSTANCE = new PowerLaw();
    private static final List<String> NAMES = List.of("ln_A", "gamma", "T_c");

    private PowerLaw() {
    }

    @Override
    public String name() {
        return "mct";
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    @Override
    public String variable() {
        return "T";
    }

    @Override
    public String response() {
        return "ln tau";
    }

    @Override
    public boolean logResponse() {
        return true;
    }

    @Override
    public double value(double t, double[] p) {
        double d = t - p[2];
        return d > 0 ? p[0] - p[1] * Math.log(d) : Double.NaN;
    }

    @Override
    public double[] gradient(double t, double[] p) {
        double d = t - p[2];
        return new double[] {1, -Math.log(d), p[1] / d};
    }

    @Override
    public double[] initialGuess(double[] t, double[] y, double[] weights) {
        double minT = Regression.min(t);
        double span = Regression.max(t) - minT;
        double[] u = new double[t.length];
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= 100; k++) {
            double tc = minT - span * Math.pow(10, -4 + 5.0 * k / 100);
            for (int i = 0; i < t.length; i++) {
                u[i] = Math.log(t[i] - tc);
            }
            double[] line = Regression.line(u, y, weights);
            if (Double.isFinite(line[2]) && line[2] < bestRss) {
                bestRss = line[2];
                best = new double[] {line[0], -line[1], tc};
            }
        }
        return best != null ? best : new double[] {Double.NaN, Double.NaN, Double.NaN};
    }

    @Override
    public String domainProblem(double[] p, double minT, double maxT, double margin) {
        if (p[2] >= minT - margin) {
            return "the MCT power law needs every T above T_c, but T_c = " + p[2]
                    + (margin > 0 ? " is within " + margin + " of" : " >=") + " the lowest temperature " + minT
                    + "; start with (or let the fit find) T_c below the lowest temperature, or drop the temperatures "
                    + "at and below the crossover (the power law holds only above T_c)";
        }
        return null;
    }

    @Override
    public String notes(double[] fit, double[] reported, double[] errors, double minT, double maxT) {
        if (fit[2] <= 0) {
            return "T_c = " + fit[2] + " <= 0: the data show no power-law divergence at a positive temperature";
        }
        return "";
    }
}
