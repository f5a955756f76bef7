package glassworks.md;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cell list and the Verlet list agree with brute-force O(N^2) minimum-image searches, in 3D and 2D. */
class NeighbourListTest {

    /** N = 500 (box 7.5: 5 cells of 1.4 per edge, the smallest reach-2 grid) and N = 864 (box 9.0: 6 per edge). */
    @ParameterizedTest
    @ValueSource(ints = {500, 864})
    void verletListHoldsExactlyThePairsWithinCutoffPlusSkinAtEveryBuild(int n) {
        RunConfig c = KaFixtures.config(n, 1.2, 1.0, 0.005, 0, 0, 1, 1, 5, Ensemble.NVT, 1);
        try (Simulation sim = MdRun.prepare(c).simulation()) {
            assertEquals(2, sim.cells.reach(), "both sizes hold >= 5 cells of half the list cutoff per edge");
            sim.setThermostat(MdRun.newThermostat(c, sim));
            int checkedBuilds = 0;
            sim.rebuild(); // FIRE has moved particles since the last build
            int lastBuilds = sim.list.builds();
            assertListIsExact(sim);
            for (int s = 0; s < 400; s++) {
                sim.step(false);
                if (sim.list.builds() != lastBuilds) {
                    lastBuilds = sim.list.builds();
                    assertListIsExact(sim);
                    checkedBuilds++;
                }
                if (s % 7 == 0) {
                    assertListCoversInteractions(sim);
                }
            }
            // several rebuilds, including at least one spatial re-sort
            assertTrue(checkedBuilds >= 5, "only " + checkedBuilds + " rebuilds");
        }
    }

    /** Right after a build the list is the set of pairs with r < rc_ab + skin, each once, with the right image shift. */
    private static void assertListIsExact(Simulation sim) {
        Particles p = sim.p;
        Box box = sim.box;
        PairModel model = sim.model;
        double skin = sim.list.skin();
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < p.n; i++) {
            for (int j = i + 1; j < p.n; j++) {
                double rsq = minImageRsq(p, box, i, j);
                double rl = model.cutoff(p.species[i], p.species[j]) + skin;
                if (rsq < rl * rl) {
                    expected.add(key(i, j));
                }
            }
        }
        Set<Long> listed = listedPairs(sim, true);
        assertEquals(expected.size(), sim.list.pairCount(), "each pair once");
        assertEquals(expected, listed);
    }

    /** Between builds every pair inside its interaction cutoff is still listed. */
    private static void assertListCoversInteractions(Simulation sim) {
        Particles p = sim.p;
        Set<Long> listed = listedPairs(sim, true);
        for (int i = 0; i < p.n; i++) {
            for (int j = i + 1; j < p.n; j++) {
                double rc = sim.model.cutoff(p.species[i], p.species[j]);
                if (minImageRsq(p, sim.box, i, j) < rc * rc) {
                    assertTrue(listed.contains(key(i, j)), "pair " + i + "," + j + " inside the cutoff is missing");
                }
            }
        }
    }

    /** Pairs of the list; with checkShift, asserts the stored image shift gives the minimum-image separation. */
    private static Set<Long> listedPairs(Simulation sim, boolean checkShift) {
        Particles p = sim.p;
        VerletList list = sim.list;
        Set<Long> pairs = new HashSet<>();
        for (int r = 0; r < list.rows(); r++) {
            int i = list.rowAtom[r];
            for (int k = list.offsets[r]; k < list.offsets[r + 1]; k++) {
                int j = VerletList.index(list.entries[k]);
                int s = VerletList.shift(list.entries[k]);
                assertTrue(pairs.add(key(i, j)), "pair listed twice");
                if (checkShift) {
                    double dx = p.x[i] - p.x[j] + list.shiftX[s];
                    double dy = p.y[i] - p.y[j] + list.shiftY[s];
                    double dz = p.z[i] - p.z[j] + list.shiftZ[s];
                    assertEquals(minImageRsq(p, sim.box, i, j), dx * dx + dy * dy + dz * dz, 1e-9);
                }
            }
        }
        return pairs;
    }

    private static double minImageRsq(Particles p, Box box, int i, int j) {
        double[] d = PerturbedLattice.separation(box, p.x[i], p.y[i], p.z[i], p.x[j], p.y[j], p.z[j]);
        return d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    }

    /**
     * 2D and 3D, cell grids and the small-box O(N^2) fallback: right after a build (and after moving every particle and
     * building again) the list is exactly the set of pairs within rc_ab + skin, on 1 and 2 threads.
     */
    @ParameterizedTest(name = "{0} side={1} threads={2}")
    @CsvSource({"ka2d, 36, 1", "ka2d, 36, 2", "ka2d, 8, 1", "ka2d, 7, 1", "ka3d, 6, 1", "ka3d, 7, 2", "ka3d, 12, 2"})
    void verletListIsExactIn2dAnd3dAndSmallBoxes(String name, int side, int threads) {
        PairModel model = ForceBruteForceTest.model(name);
        PerturbedLattice lattice = PerturbedLattice.of(model, side, 0.1, 41);
        try (Simulation sim = lattice.simulation(threads)) {
            double listCutoff = model.maxCutoff() + sim.list.skin();
            boolean small = sim.box.minEdge() < 2.5 * listCutoff;
            assertEquals(small, sim.cells.isBruteForce(), "box " + sim.box + ": grid only when >= 5 cells per edge");
            assertEquals(model.dims() == 2, sim.cells.planar());
            if (model.dims() == 2 && !small) {
                assertEquals(1, sim.cells.gridShape()[2], "one layer of cells in 2D");
            }
            assertListIsExact(sim);
            SplittableRandom rng = new SplittableRandom(43);
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < sim.p.n; i++) {
                    sim.p.x[i] += 0.3 * (rng.nextDouble() - 0.5);
                    sim.p.y[i] += 0.3 * (rng.nextDouble() - 0.5);
                    if (model.dims() == 3) {
                        sim.p.z[i] += 0.3 * (rng.nextDouble() - 0.5);
                    }
                }
                sim.rebuild(); // parallel from the second build on (the force team is lent at the first partition)
                assertListIsExact(sim);
            }
        }
    }

    /** Rows and entries come out in the same order whatever the number of build threads. */
    @ParameterizedTest(name = "{0} side={1}")
    @CsvSource({"ka3d, 16", "ka2d, 40"})
    void listDoesNotDependOnTheThreadCount(String name, int side) {
        PerturbedLattice lattice = PerturbedLattice.of(ForceBruteForceTest.model(name), side, 0.1, 47);
        try (Simulation one = lattice.simulation(1); Simulation two = lattice.simulation(2);
             Simulation three = lattice.simulation(3)) {
            for (Simulation sim : new Simulation[]{one, two, three}) {
                sim.rebuild();
            }
            for (Simulation sim : new Simulation[]{two, three}) {
                assertArrayEquals(one.p.id, sim.p.id);
                assertArrayEquals(one.list.rowAtom, sim.list.rowAtom);
                assertArrayEquals(one.list.offsets, sim.list.offsets);
                assertArrayEquals(Arrays.copyOf(one.list.entries, one.list.pairCount()),
                        Arrays.copyOf(sim.list.entries, sim.list.pairCount()));
            }
        }
    }

    private static long key(int i, int j) {
        return i < j ? ((long) i << 32) | j : ((long) j << 32) | i;
    }

    /** The public cell list: every pair within the cutoff once, with its minimum-image vector, for unwrapped input. */
    @Test
    void cellListVisitsEveryPairWithinCutoffOnce() {
        SplittableRandom rng = new SplittableRandom(7);
        // reach 2 (cells of cutoff/2) whenever every edge holds >= 5 of them (L >= 2.5 cutoff), else the O(N^2) sweep
        int[] expectedReach = {2, 2, 0};
        Box[] boxes = {new Box(15.0, 14.5, 16.0), new Box(10.0, 11.5, 7.3), Box.cubic(6.0)};
        for (int b = 0; b < boxes.length; b++) {
            assertVisitsExactlyThePairsWithinCutoff(boxes[b], 2.9, 2, expectedReach[b], 700, rng);
        }
        // reach 1 (cells of the cutoff), which the default grid choice never needs but the code keeps
        assertVisitsExactlyThePairsWithinCutoff(new Box(15.0, 14.5, 9.0), 2.9, 1, 1, 700, rng);
    }

    /** The same in planar boxes (z ignored, one layer of cells, in-plane stencil), several shapes and cutoffs. */
    @Test
    void cellListVisitsEveryPairWithinCutoffOnce2d() {
        SplittableRandom rng = new SplittableRandom(11);
        assertVisitsExactlyThePairsWithinCutoff(Box.planar(20.0, 17.5), 2.9, 2, 2, 900, rng);
        assertVisitsExactlyThePairsWithinCutoff(Box.planar(9.0, 30.0), 2.9, 2, 2, 900, rng);
        assertVisitsExactlyThePairsWithinCutoff(Box.planar(40.0, 40.0), 1.3, 2, 2, 1500, rng);
        assertVisitsExactlyThePairsWithinCutoff(Box.planar(20.0, 17.5), 2.9, 1, 1, 900, rng);
        assertVisitsExactlyThePairsWithinCutoff(Box.planar(6.0, 7.0), 2.9, 2, 0, 300, rng); // < 5 cells: O(N^2)
        assertVisitsExactlyThePairsWithinCutoff(Box.planar(14.0, 6.2), 3.1, 2, 0, 300, rng);
    }

    private static void assertVisitsExactlyThePairsWithinCutoff(Box box, double cutoff, int maxReach, int expectedReach,
                                                                int n, SplittableRandom rng) {
        boolean planar = box.dims() == 2;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            // unwrapped: several boxes away on either side
            x[i] = (rng.nextDouble() * 5 - 2) * box.lx();
            y[i] = (rng.nextDouble() * 5 - 2) * box.ly();
            z[i] = planar ? 0.0 : (rng.nextDouble() * 5 - 2) * box.lz();
        }
        CellList cells = new CellList(box, cutoff, maxReach);
        String where = box + " cutoff " + cutoff;
        assertEquals(expectedReach, cells.reach(), where);
        assertEquals(expectedReach == 0, cells.isBruteForce(), where);
        assertEquals(planar, cells.planar());
        if (planar && expectedReach > 0) {
            assertEquals(1, cells.gridShape()[2], "one layer of cells");
        }
        cells.build(x, y, z, n);
        Set<Long> seen = new HashSet<>();
        cells.forEachPair((i, j, dx, dy, dz, rsq) -> {
            assertTrue(seen.add(key(i, j)), "pair visited twice");
            double[] d = PerturbedLattice.separation(box, x[i], y[i], z[i], x[j], y[j], z[j]);
            assertEquals(d[0], dx, 1e-9);
            assertEquals(d[1], dy, 1e-9);
            assertEquals(d[2], dz, planar ? 0.0 : 1e-9);
            assertEquals(dx * dx + dy * dy + dz * dz, rsq, 0.0);
        });
        int expected = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double[] d = PerturbedLattice.separation(box, x[i], y[i], z[i], x[j], y[j], z[j]);
                if (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] < cutoff * cutoff) {
                    expected++;
                    assertTrue(seen.contains(key(i, j)), where + ": missed pair " + i + "," + j);
                }
            }
        }
        assertEquals(expected, seen.size(), where);
        assertFalse(seen.isEmpty());
    }
}
