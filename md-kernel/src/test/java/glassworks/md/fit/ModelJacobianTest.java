package glassworks.md.fit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Analytic gradients and the VFT reparameterisation against central finite differences. */
class ModelJacobianTest {

    private record Case(Model model, double[] p, double[] xs) {
    }

    private static final List<Case> CASES = List.of(
            new Case(Arrhenius.INSTANCE, new double[] {-2.0, 3.0}, new double[] {0.45, 0.7, 2.0}),
            new Case(Arrhenius.INSTANCE, new double[] {1.3, -0.8}, new double[] {0.3, 5.0}),
            new Case(Vft.INSTANCE, new double[] {-1.5, 0.6, 0.3}, new double[] {0.42, 0.6, 1.2}),
            new Case(Vft.INSTANCE, new double[] {0.2, 2.4, -0.1}, new double[] {0.2, 0.9}),
            new Case(PowerLaw.INSTANCE, new double[] {0.5, 2.5, 0.435}, new double[] {0.47, 0.6, 1.0}),
            new Case(PowerLaw.INSTANCE, new double[] {-1.0, 0.7, 0.1}, new double[] {0.3, 3.0}),
            new Case(PowerLawInTime.INSTANCE, new double[] {0.2, 1.0 / 3}, new double[] {1.5, 10, 1e4}),
            new Case(Linear.INSTANCE, new double[] {1.0, 2.0}, new double[] {-3, 0, 7.5}),
            new Case(InverseTemperatureLinear.INSTANCE, new double[] {1.5, -2.5}, new double[] {0.45, 1.0, 3.0}));

    @Test
    void gradientsEqualCentralDifferences() {
        for (Case c : CASES) {
            for (double x : c.xs()) {
                double[] g = c.model().gradient(x, c.p());
                assertEquals(c.p().length, g.length);
                assertEquals(c.model().parameterNames().size(), g.length);
                for (int j = 0; j < g.length; j++) {
                    double h = 1e-6 * Math.max(1, Math.abs(c.p()[j]));
                    double[] up = c.p().clone();
                    double[] dn = c.p().clone();
                    up[j] += h;
                    dn[j] -= h;
                    double fd = (c.model().value(x, up) - c.model().value(x, dn)) / (2 * h);
                    assertEquals(fd, g[j], 1e-7 * Math.max(1, Math.abs(fd)),
                            c.model().name() + " d/d" + c.model().parameterNames().get(j) + " at x = " + x);
                }
            }
        }
    }

    @Test
    void vftReportedJacobianEqualsFiniteDifferencesAndRoundTrips() {
        double[] p = {-1.5, 0.6, 0.3};
        double[] r = Vft.INSTANCE.toReported(p);
        assertArrayEquals(new double[] {-1.5, 2.0, 0.3}, r, 1e-15);
        assertArrayEquals(p, Vft.INSTANCE.fromReported(r), 1e-15);
        double[][] jac = Vft.INSTANCE.reportedJacobian(p);
        for (int j = 0; j < 3; j++) {
            double h = 1e-6;
            double[] up = p.clone();
            double[] dn = p.clone();
            up[j] += h;
            dn[j] -= h;
            double[] ru = Vft.INSTANCE.toReported(up);
            double[] rd = Vft.INSTANCE.toReported(dn);
            for (int i = 0; i < 3; i++) {
                assertEquals((ru[i] - rd[i]) / (2 * h), jac[i][j], 1e-6, "d r" + i + " / d p" + j);
            }
        }
        // the domain: VFT and MCT are undefined at and below their divergence temperature
        assertTrue(Double.isNaN(Vft.INSTANCE.value(0.3, p)));
        assertTrue(Double.isNaN(PowerLaw.INSTANCE.value(0.435, new double[] {0, 2, 0.435})));
    }

    @Test
    void theDomainEdgesAreChecked() {
        // T0 may not reach the lowest temperature; an optimum closer than the margin is refused too
        assertEquals(null, Vft.INSTANCE.domainProblem(new double[] {0, 1, 0.39}, 0.4, 1.0, 0));
        assertTrue(Vft.INSTANCE.domainProblem(new double[] {0, 1, 0.4}, 0.4, 1.0, 0).contains("T0 = 0.4"));
        assertTrue(Vft.INSTANCE.domainProblem(new double[] {0, 1, 0.39999}, 0.4, 1.0, 6e-5).contains("within"));
        assertEquals(null, PowerLaw.INSTANCE.domainProblem(new double[] {0, 1, 0.39}, 0.4, 1.0, 0));
        assertTrue(PowerLaw.INSTANCE.domainProblem(new double[] {0, 1, 0.5}, 0.4, 1.0, 0).contains("T_c = 0.5"));
    }
}
