package glassworks.md.fit;

import java.util.List;

/**
 * A straight line in 1/T, y = a + b / T (x = T): linear in its parameters, so the least-squares optimum is the weighted
 * regression of y on 1/T (the initial guess, which the optimiser then only confirms). Two laws share it, differing only
 * in their names and in whether the response is a logarithm:
 * <ul>
 *   <li>{@link #INSTANCE}, {@code inverse_t_linear}: any column against inverse temperature, parameters a and b, the
 *       response taken as given (it may be negative). With y = ln P_R (the probability of a rearrangement in a softness
 *       bin, seed 004) it is the Arrhenius form ln P = Sigma - Delta_E / T, so a = Sigma (the entropic term) and b =
 *       -Delta_E (the energy barrier); with y = ln(T P_R) it is the Kramers form.</li>
 *   <li>{@link Arrhenius#INSTANCE}, {@code arrhenius}: tau = tau0 exp(E / T) fitted in log space, ln tau = ln_tau0 + E / T.
 *       E is in the units of T (k_B = 1). For a quantity that falls on cooling, such as a diffusion constant D = D0
 *       exp(-E_D / T), the same fit gives E = -E_D.</li>
 * </ul>
 */
public final class InverseTemperatureLinear implements Model {
    public static final InverseTemperatureLinear INSTANCE =
            new InverseTemperatureLinear("inverse_t_linear", List.of("a", "b"), "y", false);

    private final String name;
    private final List<String> names;
    private final String response;
    private final boolean logResponse;

    InverseTemperatureLinear(String name, List<String> names, String response, boolean logResponse) {
        this.name = name;
        this.names = names;
        this.response = response;
        this.logResponse = logResponse;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    @Override
    public String variable() {
        return "T";
    }

    @Override
    public String response() {
        return response;
    }

    @Override
    public boolean logResponse() {
        return logResponse;
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
