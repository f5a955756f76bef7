package glassworks.md;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forces are minus the gradient of the potential energy the same code tallies. */
class ForceFiniteDifferenceTest {

    @Test
    void forcesAreMinusEnergyGradient() {
        // a liquid-like configuration: the relaxed start heated for a few hundred steps at T = 1
        RunConfig c = KaFixtures.config(500, 1.2, 1.0, 0.005, 0, 0, 1, 1, 11, Ensemble.NVT, 1);
        try (Simulation sim = MdRun.prepare(c).simulation()) {
            sim.setThermostat(MdRun.newThermostat(c, sim));
            for (int s = 0; s < 300; s++) {
                sim.step(false);
            }
            sim.computeForces(true);
            Particles p = sim.p;
            double[] fx = p.fx.clone();
            double[] fy = p.fy.clone();
            double[] fz = p.fz.clone();
            SplittableRandom rng = new SplittableRandom(3);
            double h = 1e-5;
            double worst = 0;
            for (int trial = 0; trial < 40; trial++) {
                int i = rng.nextInt(p.n);
                int axis = rng.nextInt(3);
                double[] r = axis == 0 ? p.x : axis == 1 ? p.y : p.z;
                double r0 = r[i];
                r[i] = r0 + h;
                sim.computeForces(true);
                double ePlus = sim.potentialEnergy();
                r[i] = r0 - h;
                sim.computeForces(true);
                double eMinus = sim.potentialEnergy();
                r[i] = r0;
                double numeric = -(ePlus - eMinus) / (2 * h);
                double analytic = (axis == 0 ? fx : axis == 1 ? fy : fz)[i];
                // central differences: O(h^2 E''') ~ 1e-8 truncation plus ~|E| eps / h ~ 1e-8 round-off
                double err = Math.abs(numeric - analytic) / Math.max(1.0, Math.abs(analytic));
                worst = Math.max(worst, err);
            }
            assertTrue(worst < 1e-5, "worst relative force error " + worst);
        }
    }

    /**
     * The smoothed potential (2D ternary preset and a smoothed 3D KA): forces are minus the gradient of the tallied energy,
     * on a perturbed lattice (every particle has neighbours near the cutoff, where the smoothing acts most).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"ka2d, 30", "ka3d-smoothed, 9"})
    void smoothedForcesAreMinusEnergyGradient(String name, int side) {
        PairModel model = ForceBruteForceTest.model(name);
        PerturbedLattice lattice = PerturbedLattice.of(model, side, 0.08, 5);
        try (Simulation sim = lattice.simulation(1)) {
            sim.computeForces(true);
            Particles p = sim.p;
            double[] fx = p.fx.clone();
            double[] fy = p.fy.clone();
            double[] fz = p.fz.clone();
            SplittableRandom rng = new SplittableRandom(9);
            double h = 1e-5;
            double worst = 0;
            for (int trial = 0; trial < 40; trial++) {
                int i = rng.nextInt(p.n);
                int axis = rng.nextInt(model.dims());
                double[] r = axis == 0 ? p.x : axis == 1 ? p.y : p.z;
                double r0 = r[i];
                r[i] = r0 + h;
                sim.computeForces(true);
                double ePlus = sim.potentialEnergy();
                r[i] = r0 - h;
                sim.computeForces(true);
                double eMinus = sim.potentialEnergy();
                r[i] = r0;
                double numeric = -(ePlus - eMinus) / (2 * h);
                double analytic = (axis == 0 ? fx : axis == 1 ? fy : fz)[i];
                worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1.0, Math.abs(analytic)));
            }
            System.out.printf("%s finite differences: worst relative force error %.2e%n", name, worst);
            assertTrue(worst < 1e-5, "worst relative force error " + worst);
        }
    }

    /** Smoothed pairs: F/r = -u'/r everywhere, and u, u' and u'' all vanish at the cutoff (the C0, C2, C4 conditions). */
    @Test
    void smoothedPairForceIsMinusDerivativeAndVanishesSmoothlyAtCutoff() {
        for (PairModel m : new PairModel[]{Models.kobAndersen2dTernary(), ForceBruteForceTest.smoothedKa3d()}) {
            for (int a = 0; a < m.speciesCount(); a++) {
                for (int b = 0; b < m.speciesCount(); b++) {
                    double rc = m.cutoff(a, b);
                    double s = m.sigma(a, b);
                    for (double r = 0.8 * s; r < rc - 1e-3; r += 0.05) {
                        double h = 1e-6;
                        double du = (m.pairEnergy(a, b, (r + h) * (r + h)) - m.pairEnergy(a, b, (r - h) * (r - h))) / (2 * h);
                        assertEquals(-du, m.pairForceOverR(a, b, r * r) * r, 1e-6 * Math.max(1, Math.abs(du)),
                                m.name() + " pair " + a + b + " at r=" + r);
                    }
                    double in = rc * (1 - 1e-6);
                    double eps = m.epsilon(a, b);
                    assertEquals(0.0, m.pairEnergy(a, b, in * in), 1e-12 * eps, "u(rc) = 0");
                    assertEquals(0.0, m.pairForceOverR(a, b, in * in), 1e-8 * eps, "F(rc) = 0");
                    // F(rc - d) = u''(rc) d - u'''(rc) d^2 / 2 + ...: two points give u''(rc) to O(d^2); plain LJ has
                    // u''(2.5 sigma) ~ 0.1 eps / sigma^2
                    double d = 1e-3 * rc;
                    double f1 = m.pairForceOverR(a, b, (rc - d) * (rc - d)) * (rc - d);
                    double f2 = m.pairForceOverR(a, b, (rc - 2 * d) * (rc - 2 * d)) * (rc - 2 * d);
                    double curvature = (4 * f1 - f2) / (2 * d);
                    assertEquals(0.0, curvature, 1e-5 * eps / (s * s), m.name() + " pair " + a + b + ": u''(rc) = 0");
                }
            }
        }
    }

    @Test
    void pairForceIsMinusDerivativeAndEnergyVanishesAtCutoff() {
        PairModel ka = Models.kobAndersen3d();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double rc = ka.cutoff(a, b);
                assertEquals(2.5 * ka.sigma(a, b), rc, 1e-15);
                assertEquals(0.0, ka.pairEnergy(a, b, rc * rc), 0.0, "zero at and beyond the cutoff");
                // shifted: continuous at the cutoff
                double justInside = rc * (1 - 1e-9);
                assertEquals(0.0, ka.pairEnergy(a, b, justInside * justInside), 1e-9);
                for (double r = 0.75 * ka.sigma(a, b); r < rc - 1e-3; r += 0.05) {
                    double h = 1e-6;
                    double du = (ka.pairEnergy(a, b, (r + h) * (r + h)) - ka.pairEnergy(a, b, (r - h) * (r - h))) / (2 * h);
                    double fOverR = ka.pairForceOverR(a, b, r * r);
                    assertEquals(-du, fOverR * r, 1e-6 * Math.max(1, Math.abs(du)), "pair " + a + b + " at r=" + r);
                }
            }
        }
        // the LJ minimum of the AB pair sits at 2^(1/6) sigma_AB
        double rmin = Math.pow(2, 1.0 / 6) * 0.8;
        assertEquals(0.0, ka.pairForceOverR(0, 1, rmin * rmin), 1e-12);
    }
}
