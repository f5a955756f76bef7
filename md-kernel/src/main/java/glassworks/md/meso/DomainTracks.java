package glassworks.md.meso;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nano-domains followed across consecutive analysed frames by particle overlap, for seed 000's domain population
 * fluctuations (section III.C, Fig. 8a-c: the number of particles of the domains over time, whose fluctuation grows
 * with temperature as more particles escape their cages).
 *
 * <p><b>Rule.</b> Domain c of frame f+1 continues the domain p of frame f of the same state with which it shares the
 * most particles (ties: the lower p). Only one domain can continue a track: when several domains of frame f+1 choose
 * the same p (p split), the one sharing the most particles with p continues it (ties: the lower c) and the others start
 * new tracks. A domain of frame f that no domain of frame f+1 continues ends its track (it dissolved, changed state or
 * merged into a domain that continues another track: a merge continues the partner it shares the most particles
 * with). A domain of frame f+1 that shares no particle with a same-state domain of frame f starts a new track.
 * Frame 0's domains start tracks 0, 1, ... in domain order; later new tracks take the next ids in frame order, then in
 * domain order. So every track is one domain in each of a run of consecutive frames, with one state, and track ids are
 * unique within the window.
 *
 * <p>Domain ids are the frame's indices (as in the domains table); {@code domainOf[i]} the domain of particle i, and
 * particle ids must be stable across frames.
 */
public final class DomainTracks {
    private DomainTracks() {
    }

    /**
     * One track.
     *
     * @param id         track id, 0-based within the window
     * @param state      meso-state of its domains
     * @param firstFrame index (in the window's frame order) of its first frame
     * @param domains    domain id in frames firstFrame, firstFrame + 1, ...
     */
    public record Track(int id, int state, int firstFrame, int[] domains) {
        /** Number of frames the track lives. */
        public int frames() {
            return domains.length;
        }
    }

    /**
     * Tracks of a window.
     *
     * @param trackOf track id per [frame][domain]
     * @param tracks  every track, by id
     */
    public record Result(int[][] trackOf, List<Track> tracks) {
    }

    /**
     * Tracks the domains of consecutive frames.
     *
     * @param domainOf    per frame: domain id of each particle
     * @param domainState per frame: state of each domain id
     */
    public static Result track(List<int[]> domainOf, List<int[]> domainState) {
        int frames = domainOf.size();
        if (frames == 0 || domainState.size() != frames) {
            throw new IllegalArgumentException("need at least one frame and one domain-state array per frame, got "
                    + frames + " and " + domainState.size());
        }
        int n = domainOf.get(0).length;
        int[][] trackOf = new int[frames][];
        List<int[]> trackState = new ArrayList<>(); // {state, firstFrame}
        List<List<Integer>> trackDomains = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            int[] of = domainOf.get(f);
            int[] state = domainState.get(f);
            if (of.length != n) {
                throw new IllegalArgumentException("frame " + f + " has " + of.length + " particles, the first " + n);
            }
            for (int i = 0; i < n; i++) {
                if (of[i] < 0 || of[i] >= state.length) {
                    throw new IllegalArgumentException("frame " + f + ": particle " + i + " is in domain " + of[i]
                            + " of " + state.length);
                }
            }
            int nd = state.length;
            trackOf[f] = new int[nd];
            int[] predecessor = new int[nd];
            Arrays.fill(predecessor, -1);
            if (f > 0) {
                int[] prevOf = domainOf.get(f - 1);
                int[] prevState = domainState.get(f - 1);
                // shared particles of (previous domain, domain), same state only
                Map<Long, int[]> shared = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    int p = prevOf[i];
                    int c = of[i];
                    if (prevState[p] == state[c]) {
                        shared.computeIfAbsent((long) p * nd + c, k -> new int[1])[0]++;
                    }
                }
                int[] bestCount = new int[nd];
                for (Map.Entry<Long, int[]> e : shared.entrySet()) {
                    int p = (int) (e.getKey() / nd);
                    int c = (int) (e.getKey() % nd);
                    int count = e.getValue()[0];
                    if (count > bestCount[c] || (count == bestCount[c] && p < predecessor[c])) {
                        bestCount[c] = count;
                        predecessor[c] = p;
                    }
                }
                // one successor per previous domain: most shared particles, then the lower domain id
                int[] winner = new int[prevState.length];
                Arrays.fill(winner, -1);
                for (int c = 0; c < nd; c++) {
                    int p = predecessor[c];
                    if (p >= 0 && (winner[p] < 0 || bestCount[c] > bestCount[winner[p]])) {
                        winner[p] = c; // c increasing: an equal count keeps the lower c
                    }
                }
                for (int c = 0; c < nd; c++) {
                    if (predecessor[c] >= 0 && winner[predecessor[c]] != c) {
                        predecessor[c] = -1;
                    }
                }
            }
            for (int c = 0; c < nd; c++) {
                int t;
                if (predecessor[c] >= 0) {
                    t = trackOf[f - 1][predecessor[c]];
                } else {
                    t = trackState.size();
                    trackState.add(new int[] {state[c], f});
                    trackDomains.add(new ArrayList<>());
                }
                trackOf[f][c] = t;
                trackDomains.get(t).add(c);
            }
        }
        List<Track> tracks = new ArrayList<>(trackState.size());
        for (int t = 0; t < trackState.size(); t++) {
            tracks.add(new Track(t, trackState.get(t)[0], trackState.get(t)[1],
                    trackDomains.get(t).stream().mapToInt(Integer::intValue).toArray()));
        }
        return new Result(trackOf, List.copyOf(tracks));
    }

    /**
     * Relative population fluctuation of a track: the sample standard deviation of its size over its frames divided
     * by the mean size (NaN with fewer than 2 frames).
     */
    public static double populationFluctuation(double[] sizes) {
        int m = sizes.length;
        if (m < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(sizes).average().orElse(Double.NaN);
        double ss = 0;
        for (double s : sizes) {
            ss += (s - mean) * (s - mean);
        }
        return Math.sqrt(ss / (m - 1)) / mean;
    }
}
