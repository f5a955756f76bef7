package glassworks.md.fit;

import java.util.List;

/**
 * Arrhenius law tau = tau0 exp(E / T), fitted in log space: ln tau = ln_tau0 + E / T (x = T, response ln tau). Linear in
 * its parameters, so the least-squares optimum is the weighted regression of ln tau on 1/T (the initial guess, which the
 * optimiser then only confirms). E is in the units of T (k_B = 1). For a quantity that falls on cooling, such as a
 * diffusion constant D = D0 exp(-E_D / T), the same fit gives E = -E_D.
 */
public final class Arrhenius implements Model {
    public static final Arrhenius INSTANCE = new Arrhenius();
    private static final List<String> NAMES = List.of("ln_tau0", "E");

    private Arrhenius() {
    }

    @Override
    public String name() {
        return "arrhenius";
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
        return p[0] + p[1] / t;
    }

    @Override
    public double[] gradient(double t, double[] p) {
        return new double[] {1, 1 / t};
    }

    @Override
    public double[] initialGuess(double[] t, double[] y, double[] weights) {
        double[] u = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            u[i] = 1 / t[i];
        }
        double[] line = Regression.line(u, y, weights);
        return new double[] {line[0], line[1]};
    }
}
