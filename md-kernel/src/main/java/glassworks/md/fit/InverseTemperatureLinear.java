package glassworks.md.fit;

import java.util.List;

/**
 * Straight line in 1/T: y = a + b / T (x = T, response y): any column against inverse temperature. With y = ln P_R
 * (the probability of a rearrangement in a softness bin, seed 004) it is the Arrhenius form ln P = Sigma - Delta_E / T,
 * so a = Sigma (the entropic term) and b = -Delta_E (the energy barrier); with y = ln(T P_R) it is the Kramers form.
 * The response is taken as given (no logarithm is applied here), so y may be negative.
 */
public final class InverseTemperatureLinear implements Model {
    public static final InverseTemperatureLinear INSTANCE = new InverseTemperatureLinear();
    private static final List<String> NAMES = List.of("a", "b");

    private InverseTemperatureLinear() {
    }

    @Override
    public String name() {
        return "inverse_t_linear";
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
        return "y";
    }

    @Override
    public boolean logResponse() {
        return false;
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
