package glassworks.md.fit;

import java.util.List;

/**
 * Straight line y = a + b x (x = x, response y), e.g. a mean-squared displacement against t in the diffusive regime
 * (D = b / (2 d) in d dimensions). Linear in its parameters: the initial guess is the exact weighted regression.
 */
public final class Linear implements Model {
    public static final Linear INSTANCE = new Linear();
    private static final List<String> NAMES = List.of("a", "b");

    private Linear() {
    }

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public List<String> parameterNames() {
        return NAMES;
    }

    @Override
    public String variable() {
        return "x";
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
    public double value(double x, double[] p) {
        return p[0] + p[1] * x;
    }

    @Override
    public double[] gradient(double x, double[] p) {
        return new double[] {1, x};
    }

    @Override
    public double[] initialGuess(double[] x, double[] y, double[] weights) {
        double[] line = Regression.line(x, y, weights);
        return new double[] {line[0], line[1]};
    }
}
