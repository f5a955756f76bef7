package glassworks.md;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cell list and the Verlet list agree with brute-force O(N^2) minimum-image searches. */
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
        for (int i = 0; i < p.n; i++) {
            for (int k = list.offsets[i]; k < list.offsets[i + 1]; k++) {
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
        double dx = KaFixtures.minImage(p.x[i] - p.x[j], box.lx());
        double dy = KaFixtures.minImage(p.y[i] - p.y[j], box.ly());
        double dz = KaFixtures.minImage(p.z[i] - p.z[j], box.lz());
        return dx * dx + dy * dy + dz * dz;
    }

    private static long key(int i, int j) {
        return i < j ? ((long) i << 32) | j : ((long) j << 32) | i;
    }

    /** The public cell list: every pair within the cutoff once, with its minimum-image vector, for unwrapped input. */
    @Test
    void cellListVisitsEveryPairWithinCutoffOnce() {
        SplittableRandom rng = new SplittableRandom(7);
        // reach 2 (cells of cutoff/2) whenever some edge holds >= 5 of them (L >= 2.5 cutoff), else the O(N^2) sweep
        int[] expectedReach = {2, 2, 0};
        Box[] boxes = {new Box(15.0, 14.5, 16.0), new Box(10.0, 11.5, 7.3), Box.cubic(6.0)};
        for (int b = 0; b < boxes.length; b++) {
            Box box = boxes[b];
            int n = 700;
            double[] x = new double[n];
            double[] y = new double[n];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                // unwrapped: several boxes away on either side
                x[i] = (rng.nextDouble() * 5 - 2) * box.lx();
                y[i] = (rng.nextDouble() * 5 - 2) * box.ly();
                z[i] = (rng.nextDouble() * 5 - 2) * box.lz();
            }
            double cutoff = 2.9;
            CellList cells = new CellList(box, cutoff);
            assertEquals(expectedReach[b], cells.reach());
            assertEquals(expectedReach[b] == 0, cells.isBruteForce());
            cells.build(x, y, z, n);
            Set<Long> seen = new HashSet<>();
            cells.forEachPair((i, j, dx, dy, dz, rsq) -> {
                assertTrue(seen.add(key(i, j)), "pair visited twice");
                assertEquals(KaFixtures.minImage(x[i] - x[j], box.lx()), dx, 1e-9);
                assertEquals(KaFixtures.minImage(y[i] - y[j], box.ly()), dy, 1e-9);
                assertEquals(KaFixtures.minImage(z[i] - z[j], box.lz()), dz, 1e-9);
                assertEquals(dx * dx + dy * dy + dz * dz, rsq, 0.0);
            });
            int expected = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = KaFixtures.minImage(x[i] - x[j], box.lx());
                    double dy = KaFixtures.minImage(y[i] - y[j], box.ly());
                    double dz = KaFixtures.minImage(z[i] - z[j], box.lz());
                    if (dx * dx + dy * dy + dz * dz < cutoff * cutoff) {
                        expected++;
                        assertTrue(seen.contains(key(i, j)), "missed pair " + i + "," + j);
                    }
                }
            }
            assertEquals(expected, seen.size());
            assertFalse(seen.isEmpty());
        }
    }
}
