package glassworks.md.fit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Noise-free data give back the parameters they were made from. */
class ExactDataTest {
    private static final double TOL = 1e-8;

    private static void assertExact(FitResult r, double... truth) {
        assertTrue(r.converged(), r::toString);
        for (int i = 0; i < truth.length; i++) {
            assertEquals(truth[i], r.values()[i], TOL * Math.max(1, Math.abs(truth[i])),
                    r.parameterNames().get(i) + " of " + r);
        }
        assertEquals(0, r.chiSquare(), 1e-12, r::toString);
        assertEquals(1, r.rSquared(), 1e-12, r::toString);
    }

    @Test
    void arrhenius() {
        double[] t = Synthetic.grid(0.45, 1.0, 12);
        double[] tau = Synthetic.exact(t, x -> Synthetic.arrhenius(x, -2.0, 3.0));
        FitResult r = Fits.arrhenius(t, tau, null);
        assertExact(r, -2.0, 3.0);
        assertEquals(Math.exp(-2.0), r.expEstimate("ln_tau0").value(), 1e-9);
        assertEquals(Synthetic.arrhenius(0.3, -2.0, 3.0), r.predict(0.3), 1e-6 * r.predict(0.3));
        assertEquals(0.45, r.rangeMin());
        assertEquals(1.0, r.rangeMax());
        assertEquals(12, r.points());
        assertEquals(10, r.degreesOfFreedom());
    }

    @Test
    void vftFromTheDataDrivenGuessAndFromAFarGuess() {
        double[] t = Synthetic.grid(0.42, 1.2, 14);
        double[] tau = Synthetic.exact(t, x -> Synthetic.vft(x, -1.5, 2.0, 0.3));
        assertExact(Fits.vft(t, tau, null), -1.5, 2.0, 0.3);
        assertExact(Fits.vft(t, tau, null, FitOptions.DEFAULT.withInitialGuess(3.0, 20.0, 0.01)), -1.5, 2.0, 0.3);
        // a strong glass former: large D, low T0
        double[] tau2 = Synthetic.exact(t, x -> Synthetic.vft(x, -3.0, 25.0, 0.1));
        assertExact(Fits.vft(t, tau2, null), -3.0, 25.0, 0.1);
    }

    @Test
    void mct() {
        double[] t = Synthetic.grid(0.47, 1.0, 12);
        double[] tau = Synthetic.exact(t, x -> Synthetic.mct(x, 0.5, 2.5, 0.435));
        assertExact(Fits.mct(t, tau, null), 0.5, 2.5, 0.435);
        assertExact(Fits.mct(t, tau, null, FitOptions.DEFAULT.withInitialGuess(0, 1, 0.0)), 0.5, 2.5, 0.435);
    }

    @Test
    void powerLawInTimeLinearAndInverseT() {
        double[] time = Synthetic.logGrid(10, 1e4, 15);
        double[] l = Synthetic.exact(time, s -> Math.exp(0.2) * Math.pow(s, 1.0 / 3));
        assertExact(Fits.powerLaw(time, l, null), 0.2, 1.0 / 3);

        double[] x = Synthetic.grid(0, 10, 11);
        assertExact(Fits.linear(x, Synthetic.exact(x, v -> 1 + 2 * v), null), 1, 2);

        double[] t = Synthetic.grid(0.45, 1.0, 8);
        double[] lnP = Synthetic.exact(t, v -> 1.5 - 2.5 / v);
        double[] sigma = Synthetic.grid(0.05, 0.3, 8);
        FitResult r = Fits.againstInverseT(t, lnP, sigma);
        assertExact(r, 1.5, -2.5);
        assertTrue(r.weighted());
    }
}
