package glassworks.md.fit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Degenerate input is refused with a message that names the problem and the fix; non-convergence is reported. */
class RefusalTest {
    private static final double[] T = Synthetic.grid(0.45, 1.0, 8);
    private static final double[] TAU = Synthetic.exact(T, x -> Synthetic.vft(x, -1.5, 2.0, 0.3));

    private static void refused(Executable fit, String... fragments) {
        FitRefusedException e = assertThrows(FitRefusedException.class, fit);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
        }
    }

    @Test
    void fewerPointsThanParametersPlusOne() {
        refused(() -> Fits.arrhenius(new double[] {0.5, 0.6}, new double[] {10, 5}, null),
                "at least 3 points", "2 parameters + 1 for an error estimate", "got 2", "add points");
        refused(() -> Fits.vft(new double[] {0.5, 0.6, 0.7}, new double[] {10, 5, 3}, null),
                "vft fit needs at least 4 points", "got 3");
        refused(() -> Fits.mct(new double[] {0.5, 0.6, 0.7}, new double[] {10, 5, 3}, null),
                "mct fit needs at least 4 points");
        refused(() -> Fits.linear(new double[] {1}, new double[] {1}, null), "at least 3 points");
    }

    @Test
    void nonFiniteOrNonPositiveValues() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -3}) {
            double[] tau = TAU.clone();
            tau[2] = bad;
            refused(() -> Fits.arrhenius(T, tau, null), "tau[2] = " + bad, "positive finite", "ln tau",
                    "drop or fix");
            refused(() -> Fits.vft(T, tau, null), "tau[2]");
            double[] t = T.clone();
            t[1] = bad;
            refused(() -> Fits.mct(t, TAU, null), "T[1] = " + bad, "positive finite temperature");
            refused(() -> Fits.againstInverseT(t, TAU, null), "T[1]");
            double[] d = TAU.clone();
            d[0] = bad;
            refused(() -> Fits.stokesEinstein(T, d, TAU), "D[0] = " + bad);
            refused(() -> Fits.powerLaw(T, d, null), "L[0] = " + bad);
            refused(() -> Fits.powerLaw(d, TAU, null), "t[0] = " + bad);
        }
        double[] y = TAU.clone();
        y[4] = Double.NaN;
        refused(() -> Fits.againstInverseT(T, y, null), "y[4] = NaN", "not a finite number");
        refused(() -> Fits.linear(T, y, null), "y[4] = NaN");
    }

    @Test
    void repeatedTemperaturesOnly() {
        double[] same = Synthetic.constant(6, 0.6);
        refused(() -> Fits.arrhenius(same, Synthetic.grid(1, 2, 6), null),
                "only 1 distinct T (0.6) among 6 points", "at least 2 distinct T", "add points at other T");
        double[] two = {0.5, 0.5, 0.6, 0.6, 0.6};
        refused(() -> Fits.vft(two, new double[] {9, 10, 5, 5.1, 4.9}, null), "only 2 distinct T", "at least 3");
        // two distinct T with replicates is enough for a straight line
        assertTrue(Fits.arrhenius(two, new double[] {9, 10, 5, 5.1, 4.9}, null).converged());
    }

    @Test
    void badSigmasAndLengths() {
        double[] sigma = Synthetic.constant(8, 0.1);
        sigma[3] = 0;
        refused(() -> Fits.arrhenius(T, TAU, sigma), "sigma[3] = 0.0", "positive finite standard deviation of ln tau",
                "null sigmas");
        refused(() -> Fits.arrhenius(T, TAU, new double[3]), "sigma has 3 values for 8 points");
        refused(() -> Fits.arrhenius(T, new double[7], null), "T has 8 values but tau has 7");
        refused(() -> Fits.stokesEinstein(T, TAU, new double[2]), "T has 8 values but tau has 2");
        refused(() -> Fits.vft(T, TAU, null, FitOptions.DEFAULT.withInitialGuess(1, 2)),
                "initial guess has 2 values but vft has 3 parameters [ln_tau0, D, T0]");
    }

    @Test
    void divergenceTemperatureAtOrAboveTheLowestTemperature() {
        refused(() -> Fits.vft(T, TAU, null, FitOptions.DEFAULT.withInitialGuess(-1.5, 2.0, 0.45)),
                "initial guess", "T0 = 0.45 >= the lowest temperature 0.45", "T0 below the lowest temperature");
        refused(() -> Fits.vft(T, TAU, null, FitOptions.DEFAULT.withInitialGuess(-1.5, 2.0, 0.7)), "T0 = 0.7");
        refused(() -> Fits.mct(T, TAU, null, FitOptions.DEFAULT.withInitialGuess(0, 2.0, 0.5)),
                "initial guess", "T_c = 0.5 >= the lowest temperature 0.45");
        // flat data that jump at their lowest temperature: the VFT pole runs into it (chi^2 -> 0 as T0 -> 0.5)
        double[] t = Synthetic.grid(0.5, 1.0, 8);
        double[] tau = Synthetic.constant(8, 1.0);
        tau[0] = 1e30;
        refused(() -> Fits.vft(t, tau, null), "at the optimum", "the lowest temperature 0.5");
    }

    @Test
    void nonConvergenceIsReportedNotThrown() {
        FitResult r = Fits.vft(T, TAU, null, FitOptions.DEFAULT.withInitialGuess(5, 50, -2).withMaxIterations(2));
        assertFalse(r.converged(), r::toString);
        assertTrue(r.message().contains("did not converge"), r::message);
        assertTrue(r.message().contains("2 iterations"), r::message);
        assertTrue(r.toString().contains("NOT CONVERGED"));
        assertFalse(r.message().contains("consistent with 0"), r::message); // no remarks on an unfinished fit
        // the best point found is reported, finite
        for (double v : r.values()) {
            assertTrue(Double.isFinite(v), r::toString);
        }
    }
}
