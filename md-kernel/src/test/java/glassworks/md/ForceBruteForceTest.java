package glassworks.md;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The force loops against an O(N^2) minimum-image sum of {@link PairModel#pairEnergy} / {@link PairModel#pairForceOverR}
 * (the model's reference expressions): forces, potential energy, virial and per-particle energies, for the smoothed 2D
 * ternary model, a smoothed 3D model and the shifted KA model, on 1, 2 and 3 threads.
 */
class ForceBruteForceTest {

    static PairModel smoothedKa3d() {
        PairModel ka = Models.kobAndersen3d();
        double[][] sigma = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                sigma[a][b] = ka.sigma(a, b);
            }
        }
        return ka.withCutoffs("ka3d-smoothed", Models.scaledCutoffs(sigma, 2.5), PairModel.CutoffMode.SMOOTHED);
    }

    static PairModel model(String name) {
        return switch (name) {
            case "ka2d" -> Models.kobAndersen2dTernary();
            case "ka3d-smoothed" -> smoothedKa3d();
            case "ka3d" -> Models.kobAndersen3d();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0} side={1} threads={2}")
    @CsvSource({"ka2d, 36, 1", "ka2d, 36, 2", "ka2d, 36, 3", "ka3d-smoothed, 10, 1", "ka3d-smoothed, 10, 2",
            "ka3d, 10, 1", "ka3d, 10, 2"})
    void forcesEnergyAndVirialEqualBruteForce(String name, int side, int threads) {
        PairModel model = model(name);
        PerturbedLattice lattice = PerturbedLattice.of(model, side, 0.08, 17);
        try (Simulation sim = lattice.simulation(threads)) {
            PerturbedLattice.Sums ref = PerturbedLattice.bruteForce(sim);
            // force-only loop first (the hot one), then the tally loop
            sim.computeForces(false);
            double[][] forceOnly = {sim.p.fx.clone(), sim.p.fy.clone(), sim.p.fz.clone()};
            sim.computeForces(true);
            double[][] tallied = {sim.p.fx, sim.p.fy, sim.p.fz};
            double fErr = PerturbedLattice.relativeDifference(forceOnly, ref.force());
            double tErr = PerturbedLattice.relativeDifference(tallied, ref.force());
            double eErr = Math.abs(sim.potentialEnergy() - ref.energy()) / Math.abs(ref.energy());
            double wErr = Math.abs(sim.virial() - ref.virial()) / Math.abs(ref.virial());
            double peErr = PerturbedLattice.relativeDifference(new double[][]{sim.forces.perParticleEnergy},
                    new double[][]{ref.energyPerParticle()});
            System.out.printf("%s N=%d threads=%d vs brute force: forces %.2e (tally loop %.2e), energy %.2e, virial %.2e,"
                    + " per-particle energy %.2e%n", name, lattice.n(), threads, fErr, tErr, eErr, wErr, peErr);
            assertTrue(fErr < 1e-12, "forces (force-only loop) " + fErr);
            assertTrue(tErr < 1e-12, "forces (tally loop) " + tErr);
            assertTrue(eErr < 1e-12, "energy " + eErr);
            assertTrue(wErr < 1e-12, "virial " + wErr);
            assertTrue(peErr < 1e-12, "per-particle energy " + peErr);
            if (model.dims() == 2) {
                for (int i = 0; i < lattice.n(); i++) {
                    assertEquals(0.0, sim.p.fz[i], 0.0, "no force along z in 2D");
                }
            }
        }
    }

    /**
     * The test above would catch a loop that drops the smoothing: on these configurations it changes the energy by a few
     * percent and the forces by ~5e-6 of the largest force (mostly far-field pairs; the largest forces are core overlaps).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ka2d, 36", "ka3d-smoothed, 10"})
    void smoothingTermsMatter(String name, int side) {
        PairModel model = model(name);
        PairModel plain = model.withCutoffs(name + "-truncated", cutoffs(model), PairModel.CutoffMode.TRUNCATED);
        PerturbedLattice lattice = PerturbedLattice.of(model, side, 0.08, 17);
        try (Simulation smooth = lattice.simulation(1); Simulation cut = new Simulation(plain, lattice.box,
                lattice.species, lattice.x, lattice.y, lattice.z, 0.3, 1, 0.005)) {
            smooth.computeForces(true);
            cut.computeForces(true);
            double de = Math.abs(smooth.potentialEnergy() - cut.potentialEnergy()) / Math.abs(cut.potentialEnergy());
            double df = PerturbedLattice.relativeDifference(new double[][]{smooth.p.fx, smooth.p.fy},
                    new double[][]{cut.p.fx, cut.p.fy});
            // both far above the 1e-12 the comparison with brute force allows
            assertTrue(de > 1e-3 && df > 1e-7, "smoothing changes energy by " + de + " and forces by " + df);
        }
    }

    static double[][] cutoffs(PairModel m) {
        int ns = m.speciesCount();
        double[][] c = new double[ns][ns];
        for (int a = 0; a < ns; a++) {
            for (int b = 0; b < ns; b++) {
                c[a][b] = m.cutoff(a, b);
            }
        }
        return c;
    }
}
