package glassworks.md;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inherent structures: an analytic two-particle minimum, a KA liquid quenched to its inherent structure (tolerance met,
 * energy in the known range, lower than the start, idempotent, energy and forces equal to O(N^2) sums), and a 2D model.
 */
class InherentStructuresTest {
    static final double TOL = InherentStructures.DEFAULT_FORCE_TOLERANCE;

    /** A one-species truncated-and-shifted LJ (rc = 2.5) in {@code dims} dimensions. */
    static PairModel lj(int dims) {
        return new PairModel("lj-ts", dims, List.of("A"), new double[]{1.0}, new double[]{1.0}, new double[][]{{1.0}},
                new double[][]{{1.0}}, new double[][]{{2.5}}, PairModel.CutoffMode.SHIFTED, 0.8);
    }

    @Test
    void twoParticlesEndAtTheMinimumOfThePairPotential() {
        double l = 20;
        // start at r = 1.5 (attracted) with one particle given as an unwrapped image three boxes away
        Snapshot s = new Snapshot(Box.cubic(l), new int[]{0, 0}, new double[]{5.0, 6.5 + 3 * l},
                new double[]{5.0, 5.0}, new double[]{5.0, 5.0}, null, null, null, "test", 0);
        InherentStructures.Result r = InherentStructures.minimize(lj(3), s);
        double dx = r.x()[1] - 3 * l - r.x()[0];
        double rmin = Math.pow(2, 1.0 / 6);
        System.out.printf(Locale.ROOT, "two LJ particles: r = %.15f (2^(1/6) = %.15f), %s%n", dx, rmin, r.summary());
        assertTrue(r.converged(), r.summary());
        assertEquals(rmin, dx, 1e-9, "distance at the minimum");
        assertTrue(r.x()[1] > 2 * l, "the second particle stays on its input image: " + r.x()[1]);
        assertEquals(5.0, r.y()[0], 1e-12);
        assertEquals(5.0, r.z()[1], 1e-12);
        double shift = 4 * (Math.pow(2.5, -12) - Math.pow(2.5, -6));
        assertEquals((-1.0 - shift) / 2, r.energyPerParticle(), 1e-12, "e = u(r_min) / 2 per particle");
        assertEquals((-1.0 - shift) / 2, r.perParticleEnergy()[0], 1e-12);
        // the centre of mass does not move (equal masses, equal and opposite forces)
        assertEquals(5.0 + 6.5 + 3 * l, r.x()[0] + r.x()[1], 1e-9);
    }

    @Test
    void kaLiquidQuenchesToItsInherentStructure() throws Exception {
        PairModel ka = Models.kobAndersen3d();
        FrameView f = kaFrame(500, 0.8, 11);
        Snapshot s = Snapshot.positionsOf(f, "ka");
        long t0 = System.nanoTime();
        InherentStructures.Result r = InherentStructures.minimize(ka, s);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        double startPe = sum(f.potentialEnergy()) / f.n();
        System.out.printf(Locale.ROOT, "KA N=500 T=0.8: U/N %.6f -> %s in %.2f s%n", startPe, r.summary(), seconds);

        assertTrue(r.converged(), r.summary());
        assertTrue(r.maxForce() < TOL, r.summary());
        assertTrue(r.energyPerParticle() > -7.7 && r.energyPerParticle() < -7.0,
                "e_IS outside the known KA range (-7.7, -7.0) at rho 1.2: " + r.summary());
        assertEquals(startPe, r.startEnergyPerParticle(), 1e-10, "start energy is the frame's");
        assertTrue(r.energyPerParticle() < startPe - 0.5, "minimisation lowers the energy: " + r.summary());
        assertEquals(r.energyPerParticle(), sum(r.perParticleEnergy()) / f.n(), 1e-12, "per-particle energies sum to e_IS");

        // independent O(N^2) checks at the returned (unwrapped) positions: the energy and a vanishing gradient
        FrameView is = view(f, r);
        assertEquals(r.energyPerParticle(), bruteForceEnergy(ka, is) / f.n(), 1e-11);
        assertTrue(bruteForceMaxForce(ka, is) < 10 * TOL, "O(N^2) force at the minimum");

        // displacements are small and on the input's images (unwrapped like the frame)
        // (a particle may hop about a diameter into a neighbouring hole, never by a box edge, here 7.5)
        double maxDisp = 0;
        for (int i = 0; i < f.n(); i++) {
            maxDisp = Math.max(maxDisp, Math.sqrt(Math.pow(r.x()[i] - f.x()[i], 2) + Math.pow(r.y()[i] - f.y()[i], 2)
                    + Math.pow(r.z()[i] - f.z()[i], 2)));
        }
        System.out.printf(Locale.ROOT, "  largest displacement to the inherent structure: %.3f sigma%n", maxDisp);
        assertTrue(maxDisp < 2.0, "largest displacement " + maxDisp);

        // idempotent: minimising the inherent structure moves nothing
        InherentStructures.Result again = InherentStructures.minimize(ka, Snapshot.positionsOf(is, "is"));
        assertEquals(0, again.iterations(), again.summary());
        for (int i = 0; i < f.n(); i++) {
            assertEquals(r.x()[i], again.x()[i], 1e-9);
            assertEquals(r.y()[i], again.y()[i], 1e-9);
            assertEquals(r.z()[i], again.z()[i], 1e-9);
        }
        assertEquals(r.energyPerParticle(), again.energyPerParticle(), 1e-12);

        // two force threads reach the same minimum (they sum forces in another order: round-off only)
        InherentStructures.Result two = InherentStructures.minimize(ka, s,
                new InherentStructures.Options(TOL, InherentStructures.DEFAULT_MAX_ITERATIONS, 2));
        System.out.printf(Locale.ROOT, "  2 threads: %s%n", two.summary());
        assertTrue(two.converged(), two.summary());
    }

    @Test
    void twoDimensionalModelQuenchesInThePlane() throws Exception {
        // the ka2d interactions, truncated and shifted (independent of the smoothed force path)
        PairModel ka2d = Models.kobAndersen2dTernary();
        int ns = ka2d.speciesCount();
        double[][] rc = new double[ns][ns];
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                rc[a][b] = ka2d.cutoff(a, b);
            }
        }
        PairModel model = ka2d.withCutoffs("ka2d-shifted", rc, PairModel.CutoffMode.SHIFTED);
        RunConfig c = new RunConfig("ka2d-is", model, 400, model.defaultDensity(), 0.6, 0.005,
                RunConfig.twoStages(400, 100, Ensemble.NVT, 0.6), FrameSchedule.linear(100), 100, 5, 0.5, Double.NaN,
                Double.NaN, 0.3, 1, false, true, false, RunConfig.DEFAULT_MAX_FRAMES, null);
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        MdRun.run(c, sink);
        FrameView f = sink.frames.get(sink.frames.size() - 1);
        InherentStructures.Result r = InherentStructures.minimize(model, Snapshot.positionsOf(f, "2d"));
        System.out.printf(Locale.ROOT, "2D ternary (shifted) N=400 T=0.6: U/N %.6f -> %s%n",
                sum(f.potentialEnergy()) / f.n(), r.summary());
        assertTrue(r.converged(), r.summary());
        assertTrue(r.energyPerParticle() < r.startEnergyPerParticle(), r.summary());
        FrameView is = view(f, r);
        for (int i = 0; i < f.n(); i++) {
            assertEquals(0.0, r.z()[i], 0.0, "2D: z stays 0");
        }
        assertEquals(r.energyPerParticle(), bruteForceEnergy(model, is) / f.n(), 1e-11);
        assertTrue(bruteForceMaxForce(model, is) < 10 * TOL, "O(N^2) force at the minimum");
    }

    @Test
    void badInputIsRefusedWithTheFix() {
        Snapshot s = new Snapshot(Box.cubic(4.0), new int[]{0}, new double[]{1}, new double[]{1}, new double[]{1}, null,
                null, null, "t", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InherentStructures.minimize(lj(3), s));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InherentStructures.minimize(lj(3), s,
                InherentStructures.Options.defaults().withForceTolerance(0)));
        assertTrue(e.getMessage().contains("--force-tolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InherentStructures.minimize(lj(2), s));
        assertTrue(e.getMessage().contains("2D"), e.getMessage());
    }

    @Test
    void anExhaustedBudgetIsReportedNotThrown() throws Exception {
        FrameView f = kaFrame(256, 0.8, 3);
        InherentStructures.Result r = InherentStructures.minimize(Models.kobAndersen3d(), Snapshot.positionsOf(f, "ka"),
                InherentStructures.Options.defaults().withMaxIterations(10));
        assertEquals(10, r.iterations());
        assertTrue(!r.converged() && r.maxForce() >= TOL, r.summary());
        assertTrue(r.energyPerParticle() < r.startEnergyPerParticle(), r.summary());
    }

    /** The last frame of a short KA NVT run (energies saved). */
    static FrameView kaFrame(int n, double t, long seed) throws Exception {
        RunConfig c = KaFixtures.config(n, 1.2, t, 0.005, 2000, 200, 100, 100, seed, Ensemble.NVT, 1);
        KaFixtures.RecordingSink sink = new KaFixtures.RecordingSink();
        MdRun.run(c, sink);
        return sink.frames.get(sink.frames.size() - 1);
    }

    /** The frame with the minimised positions. */
    static FrameView view(FrameView f, InherentStructures.Result r) {
        return new FrameView(f.frameIndex(), f.step(), f.time(), f.n(), f.dims(), f.species(), r.x(), r.y(), r.z(),
                f.boxX(), f.boxY(), f.boxZ(), null, null, null, r.perParticleEnergy());
    }

    /** O(N^2) minimum-image potential energy, 2D or 3D. */
    static double bruteForceEnergy(PairModel model, FrameView f) {
        double e = 0;
        for (int i = 0; i < f.n(); i++) {
            for (int j = i + 1; j < f.n(); j++) {
                double dx = KaFixtures.minImage(f.x()[i] - f.x()[j], f.boxX());
                double dy = KaFixtures.minImage(f.y()[i] - f.y()[j], f.boxY());
                double dz = f.dims() == 2 ? 0 : KaFixtures.minImage(f.z()[i] - f.z()[j], f.boxZ());
                e += model.pairEnergy(f.species()[i], f.species()[j], dx * dx + dy * dy + dz * dz);
            }
        }
        return e;
    }

    /** Largest force component from an O(N^2) minimum-image pair sum. */
    static double bruteForceMaxForce(PairModel model, FrameView f) {
        int n = f.n();
        double[][] force = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = KaFixtures.minImage(f.x()[i] - f.x()[j], f.boxX());
                double dy = KaFixtures.minImage(f.y()[i] - f.y()[j], f.boxY());
                double dz = f.dims() == 2 ? 0 : KaFixtures.minImage(f.z()[i] - f.z()[j], f.boxZ());
                double fr = model.pairForceOverR(f.species()[i], f.species()[j], dx * dx + dy * dy + dz * dz);
                force[i][0] += fr * dx;
                force[i][1] += fr * dy;
                force[i][2] += fr * dz;
                force[j][0] -= fr * dx;
                force[j][1] -= fr * dy;
                force[j][2] -= fr * dz;
            }
        }
        double m = 0;
        for (double[] fi : force) {
            m = Math.max(m, Math.max(Math.abs(fi[0]), Math.max(Math.abs(fi[1]), Math.abs(fi[2]))));
        }
        return m;
    }

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
