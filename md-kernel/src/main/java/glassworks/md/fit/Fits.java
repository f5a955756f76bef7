package glassworks.md.fit;

import java.util.Objects;

/**
 * One static method per fit of dynamics across temperatures and in time. Time scales (and diffusion constants, growth
 * lengths) are fitted as logarithms, because their noise is multiplicative: {@code sigmaLnTau} is the standard deviation
 * of ln tau per point (the relative error of tau), or null for an unweighted fit whose errors come from the scatter. See
 * {@link FitResult} for the error convention and {@link FitRefusedException} for refusals.
 *
 * <p>The time-scale fits take tau_alpha(T) or D(T) alike: for D, which falls on cooling, Arrhenius gives E = -E_D and the
 * MCT power law gamma = -gamma_D (D ~ (T - T_c)^gamma_D).
 */
public final class Fits {
    private Fits() {
    }

    /** Arrhenius ln tau = ln_tau0 + E / T; see {@link Arrhenius}. Parameters ln_tau0, E. */
    public static FitResult arrhenius(double[] temperature, double[] tau, double[] sigmaLnTau) {
        return arrhenius(temperature, tau, sigmaLnTau, FitOptions.DEFAULT);
    }

    public static FitResult arrhenius(double[] temperature, double[] tau, double[] sigmaLnTau, FitOptions options) {
        return timeScaleFit(Arrhenius.INSTANCE, temperature, tau, sigmaLnTau, options);
    }

    /** VFT ln tau = ln_tau0 + D T0 / (T - T0); see {@link Vft}. Parameters ln_tau0, D, T0. */
    public static FitResult vft(double[] temperature, double[] tau, double[] sigmaLnTau) {
        return vft(temperature, tau, sigmaLnTau, FitOptions.DEFAULT);
    }

    public static FitResult vft(double[] temperature, double[] tau, double[] sigmaLnTau, FitOptions options) {
        return timeScaleFit(Vft.INSTANCE, temperature, tau, sigmaLnTau, options);
    }

    /** MCT power law ln tau = ln_A - gamma ln(T - T_c); see {@link PowerLaw}. Parameters ln_A, gamma, T_c. */
    public static FitResult mct(double[] temperature, double[] tau, double[] sigmaLnTau) {
        return mct(temperature, tau, sigmaLnTau, FitOptions.DEFAULT);
    }

    public static FitResult mct(double[] temperature, double[] tau, double[] sigmaLnTau, FitOptions options) {
        return timeScaleFit(PowerLaw.INSTANCE, temperature, tau, sigmaLnTau, options);
    }

    /**
     * Growth law L = A t^n fitted as ln L = ln_A + n ln t; see {@link PowerLawInTime}. Parameters ln_A, n.
     *
     * @param sigmaLnL standard deviation of ln L per point (relative error of L), or null
     */
    public static FitResult powerLaw(double[] time, double[] length, double[] sigmaLnL) {
        return powerLaw(time, length, sigmaLnL, FitOptions.DEFAULT);
    }

    public static FitResult powerLaw(double[] time, double[] length, double[] sigmaLnL, FitOptions options) {
        Objects.requireNonNull(time, "t");
        Objects.requireNonNull(length, "L");
        sameLength("t", time, "L", length);
        for (int i = 0; i < time.length; i++) {
            if (!(time[i] > 0) || !Double.isFinite(time[i])) {
                throw new FitRefusedException("t[" + i + "] = " + time[i] + " must be a positive finite time (the fit is "
                        + "in ln t); drop t = 0 and any non-finite point");
            }
        }
        return LeastSquaresFit.fit(PowerLawInTime.INSTANCE, time, logs("L", "t", time, length), sigmaLnL, options);
    }

    /**
     * Straight line y = a + b x; see {@link Linear}. Parameters a, b.
     *
     * @param sigma standard deviation of y per point, or null
     */
    public static FitResult linear(double[] x, double[] y, double[] sigma) {
        return linear(x, y, sigma, FitOptions.DEFAULT);
    }

    public static FitResult linear(double[] x, double[] y, double[] sigma, FitOptions options) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        return LeastSquaresFit.fit(Linear.INSTANCE, x, y, sigma, options);
    }

    /**
     * Any column against 1/T: y = a + b / T; see {@link InverseTemperatureLinear}. With y = ln P_R(S, T) this is the
     * barrier fit of seed 004, a = Sigma and b = -Delta_E (with y = ln(T P_R), the Kramers form). y is taken as given
     * (pass logarithms yourself).
     *
     * @param sigma standard deviation of y per point (for y = ln P from n samples, about sqrt((1 - P) / (n P))), or null
     */
    public static FitResult againstInverseT(double[] temperature, double[] y, double[] sigma) {
        return againstInverseT(temperature, y, sigma, FitOptions.DEFAULT);
    }

    public static FitResult againstInverseT(double[] temperature, double[] y, double[] sigma, FitOptions options) {
        Objects.requireNonNull(y, "y");
        positiveTemperatures(temperature);
        return LeastSquaresFit.fit(InverseTemperatureLinear.INSTANCE, temperature, y, sigma, options);
    }

    /**
     * The Stokes–Einstein product D tau_alpha / T per point (constant where Stokes–Einstein holds; it grows on cooling
     * where it breaks down).
     */
    public static double[] stokesEinstein(double[] temperature, double[] diffusion, double[] tau) {
        positiveTemperatures(temperature);
        Objects.requireNonNull(diffusion, "D");
        Objects.requireNonNull(tau, "tau");
        sameLength("T", temperature, "D", diffusion);
        sameLength("T", temperature, "tau", tau);
        double[] out = new double[temperature.length];
        for (int i = 0; i < out.length; i++) {
            positive("D", i, "T", temperature[i], diffusion[i], "");
            positive("tau", i, "T", temperature[i], tau[i], "");
            out[i] = diffusion[i] * tau[i] / temperature[i];
        }
        return out;
    }

    private static FitResult timeScaleFit(Model model, double[] temperature, double[] tau, double[] sigmaLnTau,
                                          FitOptions options) {
        positiveTemperatures(temperature);
        Objects.requireNonNull(tau, "tau");
        sameLength("T", temperature, "tau", tau);
        return LeastSquaresFit.fit(model, temperature, logs("tau", "T", temperature, tau), sigmaLnTau, options);
    }

    private static void positiveTemperatures(double[] temperature) {
        Objects.requireNonNull(temperature, "T");
        for (int i = 0; i < temperature.length; i++) {
            if (!(temperature[i] > 0) || !Double.isFinite(temperature[i])) {
                throw new FitRefusedException("T[" + i + "] = " + temperature[i] + " must be a positive finite "
                        + "temperature; drop or fix that point");
            }
        }
    }

    private static double[] logs(String name, String xName, double[] x, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            positive(name, i, xName, x[i], v[i], " (the fit is in ln " + name + ")");
            out[i] = Math.log(v[i]);
        }
        return out;
    }

    private static void positive(String name, int i, String xName, double x, double v, String why) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new FitRefusedException(name + "[" + i + "] = " + v + " at " + xName + " = " + x + " must be a positive "
                    + "finite number" + why + "; drop or fix that point (e.g. a " + name + " that was never reached)");
        }
    }

    private static void sameLength(String a, double[] x, String b, double[] y) {
        if (x.length != y.length) {
            throw new FitRefusedException(a + " has " + x.length + " values but " + b + " has " + y.length
                    + "; pass one value of each per point");
        }
    }
}
