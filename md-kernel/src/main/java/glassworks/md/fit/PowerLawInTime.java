package glassworks.md.fit;

import java.util.List;

/**
 * Growth law L(t) = A t^n, fitted in log-log space: ln L = ln_A + n ln t (x = t, response ln L), e.g. a coarsening
 * domain size with n = 1/3 (Lifshitz–Slyozov, seed 000). Linear in its parameters: the initial guess is the exact
 * weighted regression of ln L on ln t.
 */
public final class PowerLawInTime implements Model {
    public static final PowerLawInTime INSTANCE = new PowerLawInTime();
    private static final List<String> NAMES = List.of("ln_A", "n");

    private PowerLawInTime() {
    }

    @Override
    public String name() {
        return "power_law_t";
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    @Override
    public String variable() {
        return "t";
    }

    @Override
    public String response() {
        return "ln L";
    }

    @Override
    public boolean logResponse() {
        return true;
    }

    @Override
    public double value(double t, double[] p) {
        return p[0] + p[1] * Math.log(t);
    }

    @Override
    public double[] gradient(double t, double[] p) {
        return new double[] {1, Math.log(t)};
    }

    @Override
    public double[] initialGuess(double[] t, double[] y, double[] weights) {
        double[] u = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            u[i] = Math.log(t[i]);
        }
        double[] line = Regression.line(u, y, weights);
        return new double[] {line[0], line[1]};
    }
}
