package glassworks.md.dynamics;

import glassworks.md.FrameSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The (origin, lag) pairs of linear and log-block grids, against brute-force enumerations. */
class LagGridTest {

    /** Every (origin frame, target frame) pair of the grid, as "o-t" strings, sorted. */
    private static TreeSet<String> pairs(LagGrid g) {
        TreeSet<String> out = new TreeSet<>();
        for (int j = 0; j < g.originCount(); j++) {
            int o = g.origin(j);
            for (int l = 0; l < g.lags(); l++) {
                int t = g.target(o, l);
                if (t >= 0) {
                    assertTrue(out.add(o + "-" + t), "pair listed twice: " + o + "-" + t);
                }
            }
        }
        return out;
    }

    private static double[] times(long[] steps, double dt) {
        double[] t = new double[steps.length];
        for (int f = 0; f < t.length; f++) {
            t[f] = steps[f] * dt;
        }
        return t;
    }

    @Test
    void linearGridHasEveryOriginForEveryLag() {
        long[] steps = Synthetic.linearSteps(12, 50);
        LagGrid g = LagGrid.linear(steps, times(steps, 0.005), 1, 0);
        assertEquals(LagGrid.Kind.LINEAR, g.kind());
        assertEquals(11, g.lags());
        for (int l = 0; l < 11; l++) {
            assertEquals(50L * (l + 1), g.lagStep(l));
            assertEquals(0.25 * (l + 1), g.lagTime(l), 1e-12);
            assertEquals(11 - l, g.pairs(l));
        }
        TreeSet<String> want = new TreeSet<>();
        for (int o = 0; o < 12; o++) {
            for (int t = o + 1; t < 12; t++) {
                want.add(o + "-" + t);
            }
        }
        assertEquals(want, pairs(g));
        assertEquals(66, g.totalPairs());
    }

    @Test
    void linearGridWithOriginStrideAndLogSpacedLags() {
        long[] steps = Synthetic.linearSteps(20, 1);
        LagGrid g = LagGrid.linear(steps, times(steps, 1), 3, 0);
        assertArrayEquals(new int[]{0, 3, 6, 9, 12, 15, 18}, g.origins());
        TreeSet<String> want = new TreeSet<>();
        for (int o = 0; o < 20; o += 3) {
            for (int t = o + 1; t < 20; t++) {
                want.add(o + "-" + t);
            }
        }
        assertEquals(want, pairs(g));

        LagGrid thin = LagGrid.linear(steps, times(steps, 1), 1, 4);
        // round(10^(j/4)) = 1, 2, 3, 6, 10, 18 (< 20) plus the longest lag 19
        assertArrayEquals(new long[]{1, 2, 3, 6, 10, 18, 19}, thin.lagSteps());
        assertEquals(20 - 6, thin.pairs(3));
        assertThrows(IllegalArgumentException.class, () -> LagGrid.linear(new long[]{0, 1, 3}, new double[]{0, 1, 3},
                1, 0));
    }

    @Test
    void logBlockGridEnumeratesBlockStartsWithInBlockOffsetsAndWholeBlocks() {
        FrameSchedule s = FrameSchedule.logarithmic(5, 100);
        // offsets 0, 1, 2, 3, 4, 6, 10, 16, 25, 40, 63 in each block of 100 steps
        long[] one = Synthetic.logSteps(s, 11);
        assertArrayEquals(new long[]{0, 1, 2, 3, 4, 6, 10, 16, 25, 40, 63}, one);
        for (long saved : new long[]{1000, 1030}) { // 10 full blocks + the start of block 10 (+ its first offsets)
            int frames = (int) s.count(saved);
            long[] steps = Synthetic.logSteps(s, frames);
            LagGrid g = LagGrid.forSchedule(Synthetic.randomWalk(2, 3, 5, 0.1, 0.005, steps, 1, 1), s, 1);
            assertEquals(LagGrid.Kind.LOG_BLOCKS, g.kind());
            TreeSet<String> want = new TreeSet<>();
            List<Integer> starts = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                if (steps[f] % 100 == 0) {
                    starts.add(f);
                }
            }
            for (int a = 0; a < starts.size(); a++) {
                int o = starts.get(a);
                for (int t = o + 1; t < frames && steps[t] < steps[o] + 100; t++) {
                    want.add(o + "-" + t); // in-block offsets
                }
                for (int b = a + 1; b < starts.size(); b++) {
                    want.add(o + "-" + starts.get(b)); // whole blocks
                }
            }
            assertEquals(want, pairs(g), "saved steps " + saved);
            assertEquals(want.size(), g.totalPairs());
            assertEquals(11, g.originCount());
            // lags: 10 in-block offsets, 10 whole blocks
            assertArrayEquals(new long[]{1, 2, 3, 4, 6, 10, 16, 25, 40, 63, 100, 200, 300, 400, 500, 600, 700, 800, 900,
                    1000}, g.lagSteps());
            assertEquals(saved == 1000 ? 10 : 11, g.pairs(0)); // offset 1: every full block, + block 10 at 1030
            assertEquals(10, g.pairs(g.lags() - 10)); // 100 steps: 10 pairs of consecutive block starts
            assertEquals(1, g.pairs(g.lags() - 1));
            assertEquals(0.005 * 63, g.lagTime(9), 1e-12);
            assertEquals(starts.get(10), g.target(0, g.lags() - 1)); // step 0 -> step 1000
            assertEquals(-1, g.target(starts.get(1), g.lags() - 1)); // step 100 -> 1100: not stored
        }
    }

    @Test
    void logBlockOriginStrideAndMissingBlockStarts() {
        FrameSchedule s = FrameSchedule.logarithmic(5, 100);
        long[] steps = Synthetic.logSteps(s, (int) s.count(1000));
        double[] t = times(steps, 1);
        LagGrid g = LagGrid.logBlocks(steps, t, 100, 2);
        assertEquals(6, g.originCount()); // blocks 0, 2, 4, 6, 8, 10
        TreeSet<String> got = pairs(g);
        for (String p : got) {
            int o = Integer.parseInt(p.split("-")[0]);
            assertEquals(0, (steps[o] / 100) % 2, p);
        }
        assertThrows(IllegalArgumentException.class, () -> LagGrid.logBlocks(new long[]{1, 2, 3}, new double[]{1, 2, 3},
                100, 1));
    }

    @Test
    void aThousandFrameLogGridStoresNoPairs() {
        FrameSchedule s = FrameSchedule.logarithmic(10, 1000);
        long[] steps = Synthetic.logSteps(s, 1000);
        LagGrid g = LagGrid.logBlocks(steps, times(steps, 0.005), 1000, 1);
        assertTrue(g.storedValues() < 2000, "stored " + g.storedValues());
        assertTrue(g.totalPairs() > 1500, "pairs " + g.totalPairs());
        assertTrue(g.lags() < 100, "lags " + g.lags());
    }
}
