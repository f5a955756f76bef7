package glassworks.md.meso;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Domain tracks on a hand-made merge / split / state-change sequence of 30 particles, tracks worked out by hand from the
 * rule (most shared particles of the same state; ties to the lower id; one successor per domain).
 */
class DomainTracksTest {
    /** Domain of each particle from ranges: {from, to (exclusive), domain}. */
    private static int[] domains(int n, int[]... ranges) {
        int[] of = new int[n];
        java.util.Arrays.fill(of, -1);
        for (int[] r : ranges) {
            for (int i = r[0]; i < r[1]; i++) {
                of[i] = r[2];
            }
        }
        for (int d : of) {
            assertTrue(d >= 0, "every particle in a domain");
        }
        return of;
    }

    @Test
    void mergeSplitAndStateChangeGiveTheHandWorkedTracks() {
        int n = 30;
        List<int[]> of = List.of(
                // frame 0: A = 0..9 (state 0), B = 10..19 (state 0), C = 20..29 (state 1)
                domains(n, new int[] {0, 10, 0}, new int[] {10, 20, 1}, new int[] {20, 30, 2}),
                // frame 1: A and B merge (10 shared with each: the tie goes to A, B's track ends);
                // C splits into 20..22 (domain 1, 3 shared) and 23..29 (domain 2, 7 shared): the larger share continues
                domains(n, new int[] {0, 20, 0}, new int[] {20, 23, 1}, new int[] {23, 30, 2}),
                // frame 2: 15..19 turn state 1 and join 20..22 (3 same-state particles shared with frame 1's domain 1)
                domains(n, new int[] {0, 15, 0}, new int[] {15, 23, 1}, new int[] {23, 30, 2}),
                // frame 3: every state flips: no same-state overlap, two new tracks
                domains(n, new int[] {0, 15, 0}, new int[] {15, 30, 1}));
        List<int[]> state = List.of(new int[] {0, 0, 1}, new int[] {0, 1, 1}, new int[] {0, 1, 1}, new int[] {1, 0});
        DomainTracks.Result r = DomainTracks.track(of, state);
        assertArrayEquals(new int[] {0, 1, 2}, r.trackOf()[0]);
        assertArrayEquals(new int[] {0, 3, 2}, r.trackOf()[1]);
        assertArrayEquals(new int[] {0, 3, 2}, r.trackOf()[2]);
        assertArrayEquals(new int[] {4, 5}, r.trackOf()[3]);
        assertEquals(6, r.tracks().size());
        int[][] expected = { // state, first frame, domains
                {0, 0, 0, 0, 0}, {0, 0, 1}, {1, 0, 2, 2, 2}, {1, 1, 1, 1}, {1, 3, 0}, {0, 3, 1}};
        for (int t = 0; t < expected.length; t++) {
            DomainTracks.Track tr = r.tracks().get(t);
            assertEquals(t, tr.id());
            assertEquals(expected[t][0], tr.state(), "state of track " + t);
            assertEquals(expected[t][1], tr.firstFrame(), "first frame of track " + t);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected[t], 2, expected[t].length), tr.domains(),
                    "domains of track " + t);
        }
    }

    @Test
    void anEvenSplitIsContinuedByTheLowerDomainId() {
        List<int[]> of = List.of(new int[] {0, 0, 0, 0}, new int[] {0, 0, 1, 1});
        DomainTracks.Result r = DomainTracks.track(of, List.of(new int[] {0}, new int[] {0, 0}));
        assertArrayEquals(new int[] {0, 1}, r.trackOf()[1]);
        assertEquals(1, r.tracks().get(1).firstFrame());
    }

    @Test
    void populationFluctuationIsSampleStdOverMean() {
        // sizes 10, 12, 8: mean 10, sample variance (0 + 4 + 4) / 2 = 4
        assertEquals(0.2, DomainTracks.populationFluctuation(new double[] {10, 12, 8}), 1e-15);
        assertTrue(Double.isNaN(DomainTracks.populationFluctuation(new double[] {5})));
    }
}
