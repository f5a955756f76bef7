package glassworks.md.fit;

import java.util.List;

/**
 * Vogel–Fulcher–Tammann law tau = tau0 exp[D T0 / (T - T0)], fitted in log space (x = T, response ln tau).
 *
 * <p><b>Parameters.</b> Reported: {@code ln_tau0}, {@code D} (the fragility index: small D = fragile) and {@code T0} (the
 * divergence temperature). The optimiser works in (ln_tau0, B, T0) with B = D T0, i.e. ln tau = ln_tau0 + B / (T - T0):
 * this form stays well conditioned as T0 &rarr; 0, where VFT becomes Arrhenius with E = B, whereas (D, T0) there runs off
 * along the valley D T0 = E with D &rarr; &infin;. D and its error follow from B and T0 by first-order propagation.
 *
 * <p><b>Domain.</b> Every temperature must lie above T0. An initial guess with T0 &ge; min T is refused; during the fit a
 * trial step across the pole is rejected; an optimum with T0 within 10^-4 (max T - min T) of min T is refused (the data
 * diverge faster than VFT at their lowest temperature).
 *
 * <p><b>Initial guess.</b> For each T0 on a grid (T0 = f min T, f from -4 to 0.9999, dense near 1, and f = 0, which is the
 * Arrhenius fit), ln tau is linear in 1/(T - T0); the T0 whose straight-line fit has the least (weighted) residual, with
 * its ln_tau0 and B, starts the optimiser.
 *
 * <p><b>Arrhenius data.</b> On data without super-Arrhenius curvature the optimum has T0 near 0 (either sign, exactly 0 on
 * noise-free Arrhenius data, where D is then infinite), B = D T0 &asymp; E, and a fragility D with an error bar larger
 * than itself; the result's message says so ("T0 is consistent with 0"). A negative T0 means sub-Arrhenius curvature.
 */
public final class Vft implements Model {
    public static final Vft INSTANCE = new Vft();
    private static final List<String> FIT = List.of("ln_tau0", "B", "T0");
    private static final List<String> REPORTED = List.of("ln_tau0", "D", "T0");

    private Vft() {
    }

    @Override
    public String name() {
        return "vft";
    }

    @Override
    public List<String> parameterNames() {
        return FIT;
    }

    @Override
    public List<String> reportedNames() {
        return REPORTED;
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
        return d > 0 ? p[0] + p[1] / d : Double.NaN;
    }

    @Override
    public double[] gradient(double t, double[] p) {
        double d = t - p[2];
        return new double[] {1, 1 / d, p[1] / (d * d)};
    }

    @Override
    public double[] initialGuess(double[] t, double[] y, double[] weights) {
        double minT = Regression.min(t);
        double[] u = new double[t.length];
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int k = -20; k <= 100; k++) {
            // f in [-4, 0): 20 steps; f in [0, 1 - 1e-4]: 1 - 10^(-4 k / 100)
            double f = k < 0 ? 4.0 * k / 20 : 1 - Math.pow(10, -4.0 * k / 100);
            double t0 = f * minT;
            for (int i = 0; i < t.length; i++) {
                u[i] = 1 / (t[i] - t0);
            }
            double[] line = Regression.line(u, y, weights);
            if (Double.isFinite(line[2]) && line[2] < bestRss) {
                bestRss = line[2];
                best = new double[] {line[0], line[1], t0};
            }
        }
        return best != null ? best : new double[] {Double.NaN, Double.NaN, Double.NaN};
    }

    @Override
    public String domainProblem(double[] p, double minT, double maxT, double margin) {
        if (p[2] >= minT - margin) {
            return "VFT needs every T above T0, but T0 = " + p[2] + (margin > 0 ? " is within " + margin + " of" : " >=")
                    + " the lowest temperature " + minT + "; start with (or let the fit find) T0 below the lowest "
                    + "temperature, drop the lowest temperatures, or use the MCT power law or Arrhenius fit";
        }
        return null;
    }

    @Override
    public double[] toReported(double[] p) {
        return new double[] {p[0], p[1] / p[2], p[2]};
    }

    @Override
    public double[] fromReported(double[] r) {
        return new double[] {r[0], r[1] * r[2], r[2]};
    }

    @Override
    public double[][] reportedJacobian(double[] p) {
        double t0 = p[2];
        return new double[][] {{1, 0, 0}, {0, 1 / t0, -p[1] / (t0 * t0)}, {0, 0, 1}};
    }

    @Override
    public String notes(double[] fit, double[] reported, double[] errors, double minT, double maxT) {
        double t0 = fit[2];
        double se = errors[2];
        if (t0 == 0 || !(Math.abs(t0) > 2 * se) || Math.abs(t0) < 1e-6 * minT) {
            return "T0 = " + t0 + " +- " + se + " is consistent with 0: the data do not distinguish VFT from Arrhenius, "
                    + "so the fragility D = B/T0 is ill-determined (B = D*T0 = " + fit[1] + " plays the role of the "
                    + "Arrhenius E); prefer the Arrhenius fit";
        }
        if (t0 < 0) {
            return "T0 = " + t0 + " < 0: the data curve the sub-Arrhenius way (no divergence at positive T)";
        }
        return "";
    }
}
