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
