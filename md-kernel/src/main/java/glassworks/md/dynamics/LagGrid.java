package glassworks.md.dynamics;

import glassworks.md.FrameSchedule;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The (time origin, lag) pairs over which a run's dynamical averages are taken, enumerated from the stored frame steps.
 * Lags are step differences (exact integers); a pair is (origin frame o, target frame t) with step(t) - step(o) = lag.
 *
 * <ul>
 *   <li>{@link #linear}: equally spaced frames (interval dt). Lags m dt for m = 1 .. frames - 1 (or a log-spaced subset
 *       of the m, {@code lagsPerDecade} &gt; 0: the distinct round(10^(j / p))), origins every {@code originStride}-th
 *       frame (0, k, 2k, ...), every origin whose target exists.</li>
 *   <li>{@link #logBlocks}: frames on the log-block schedule of {@link FrameSchedule#logarithmic} (offsets 0 and
 *       round(10^(j/p)) inside every block of B steps). Origins are the block starts (frames with step % B == 0,
 *       optionally every k-th block); lags are the in-block offsets (from every origin to the frames of its own block)
 *       plus whole blocks m B (from a block start to a later block start). This is the standard multi-origin average
 *       for log-spaced dumps: short lags are averaged over every block, long lags over the fewer block pairs that span
 *       them. A lag with no pair is dropped.</li>
 * </ul>
 *
 * <p>Memory: the grid keeps the frame steps, the origin frames and the lag list, O(frames + lags); pairs are never
 * stored: {@link #target(int, int)} finds the target of (origin, lag) arithmetically (uniform steps) or by binary
 * search. The number of pairs of a linear grid grows as frames^2 / (2 k); that is time, not memory.
 */
public final class LagGrid {
    /** How the grid was built. */
    public enum Kind { LINEAR, LOG_BLOCKS }

    private final Kind kind;
    private final long[] steps;
    private final int[] origins;
    private final long[] lagSteps;
    private final double[] lagTimes;
    private final int[] pairCounts;
    /** > 0 when frame steps are uniform (target by arithmetic). */
    private final long interval;

    private LagGrid(Kind kind, long[] steps, double[] times, int[] origins, long[] candidateLags, long interval) {
        this.kind = kind;
        this.steps = steps;
        this.origins = origins;
        this.interval = interval;
        int[] counts = new int[candidateLags.length];
        double[] firstTime = new double[candidateLags.length];
        int kept = 0;
        for (int l = 0; l < candidateLags.length; l++) {
            int c = 0;
            for (int o : origins) {
                int t = find(o, candidateLags[l]);
                if (t >= 0) {
                    if (c == 0) {
                        firstTime[l] = times[t] - times[o];
                    }
                    c++;
                }
            }
            counts[l] = c;
            if (c > 0) {
                kept++;
            }
        }
        lagSteps = new long[kept];
        lagTimes = new double[kept];
        pairCounts = new int[kept];
        int q = 0;
        for (int l = 0; l < candidateLags.length; l++) {
            if (counts[l] > 0) {
                lagSteps[q] = candidateLags[l];
                lagTimes[q] = firstTime[l];
                pairCounts[q] = counts[l];
                q++;
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("no (origin, lag) pair in " + steps.length + " frames: need at least two "
                    + "frames spanning a lag");
        }
    }

    /** Every origin, every lag, of a trajectory with equally spaced frames. */
    public static LagGrid linear(Trajectory t) {
        return linear(t.steps(), t.times(), 1, 0);
    }

    /** Equally spaced frames, origins every {@code originStride}-th frame, every lag. */
    public static LagGrid linear(Trajectory t, int originStride) {
        return linear(t.steps(), t.times(), originStride, 0);
    }

    /**
     * Equally spaced frames ({@code steps} uniform, checked), origins every {@code originStride}-th frame, lags m dt for
     * every m (lagsPerDecade = 0) or for the distinct m = round(10^(j / lagsPerDecade)).
     */
    public static LagGrid linear(long[] steps, double[] times, int originStride, int lagsPerDecade) {
        check(steps, times);
        if (originStride < 1 || lagsPerDecade < 0) {
            throw new IllegalArgumentException("origin stride must be >= 1 and lags per decade >= 0, got " + originStride
                    + ", " + lagsPerDecade);
        }
        int frames = steps.length;
        if (frames < 2) {
            throw new IllegalArgumentException("a lag grid needs at least two frames");
        }
        long dt = steps[1] - steps[0];
        for (int f = 1; f < frames; f++) {
            if (steps[f] - steps[f - 1] != dt) {
                throw new IllegalArgumentException("linear lag grid needs equally spaced frames: steps " + steps[f - 1]
                        + " -> " + steps[f] + " after spacing " + dt + " (log-spaced frames: use LagGrid.logBlocks)");
            }
        }
        int[] origins = new int[(frames - 1) / originStride + 1];
        for (int j = 0; j < origins.length; j++) {
            origins[j] = j * originStride;
        }
        long[] lags;
        if (lagsPerDecade == 0) {
            lags = new long[frames - 1];
            for (int m = 1; m < frames; m++) {
                lags[m - 1] = m * dt;
            }
        } else {
            TreeSet<Long> ms = new TreeSet<>();
            for (int j = 0; ; j++) {
                long m = Math.round(Math.pow(10.0, (double) j / lagsPerDecade));
                if (m >= frames) {
                    break;
                }
                ms.add(m);
            }
            ms.add((long) frames - 1);
            lags = ms.stream().mapToLong(m -> m * dt).toArray();
        }
        return new LagGrid(Kind.LINEAR, steps.clone(), times, origins, lags, dt);
    }

    /** Log-block frames of block length {@code block} steps, every block start an origin. */
    public static LagGrid logBlocks(Trajectory t, long block) {
        return logBlocks(t.steps(), t.times(), block, 1);
    }

    /**
     * Log-block frames: origins the frames with step % block == 0 (every {@code originStride}-th of them), lags the
     * in-block offsets and the whole-block multiples.
     */
    public static LagGrid logBlocks(long[] steps, double[] times, long block, int originStride) {
        check(steps, times);
        if (block <= 0 || originStride < 1) {
            throw new IllegalArgumentException("block must be > 0 steps and origin stride >= 1, got " + block + ", "
                    + originStride);
        }
        int frames = steps.length;
        int starts = 0;
        for (long s : steps) {
            if (Math.floorMod(s, block) == 0) {
                starts++;
            }
        }
        if (starts == 0) {
            throw new IllegalArgumentException("no frame at a block start (step % " + block + " == 0): is the block "
                    + "length that of the run's log schedule?");
        }
        int[] all = new int[starts];
        int q = 0;
        for (int f = 0; f < frames; f++) {
            if (Math.floorMod(steps[f], block) == 0) {
                all[q++] = f;
            }
        }
        int[] origins = new int[(starts - 1) / originStride + 1];
        for (int j = 0; j < origins.length; j++) {
            origins[j] = all[j * originStride];
        }
        TreeSet<Long> lags = new TreeSet<>();
        for (long s : steps) {
            long off = Math.floorMod(s, block);
            if (off > 0) {
                lags.add(off);
            }
        }
        long firstBlock = Math.floorDiv(steps[all[0]], block);
        long lastBlock = Math.floorDiv(steps[all[starts - 1]], block);
        for (long m = 1; m <= lastBlock - firstBlock; m++) {
            lags.add(m * block);
        }
        return new LagGrid(Kind.LOG_BLOCKS, steps.clone(), times, origins, lags.stream().mapToLong(Long::longValue)
                .toArray(), uniform(steps));
    }

    /**
     * The grid matching a run's frame schedule: {@link #linear} with every {@code originStride}-th origin for a linear
     * schedule, {@link #logBlocks} with the schedule's block (every {@code originStride}-th block start) for a log one.
     */
    public static LagGrid forSchedule(Trajectory t, FrameSchedule schedule, int originStride) {
        return schedule.isLogarithmic() ? logBlocks(t.steps(), t.times(), schedule.block(), originStride)
                : linear(t.steps(), t.times(), originStride, 0);
    }

    private static void check(long[] steps, double[] times) {
        if (steps.length != times.length) {
            throw new IllegalArgumentException("steps and times must have the same length");
        }
        for (int f = 1; f < steps.length; f++) {
            if (steps[f] <= steps[f - 1]) {
                throw new IllegalArgumentException("frame steps must increase strictly: " + steps[f - 1] + " then "
                        + steps[f]);
            }
        }
    }

    private static long uniform(long[] steps) {
        if (steps.length < 2) {
            return 0;
        }
        long dt = steps[1] - steps[0];
        for (int f = 2; f < steps.length; f++) {
            if (steps[f] - steps[f - 1] != dt) {
                return 0;
            }
        }
        return dt;
    }

    /** Frame whose step is steps[o] + lag, or -1. */
    private int find(int o, long lag) {
        long want = steps[o] + lag;
        if (interval > 0) {
            if (lag % interval != 0) {
                return -1;
            }
            long t = o + lag / interval;
            return t < steps.length ? (int) t : -1;
        }
        int t = Arrays.binarySearch(steps, o + 1, steps.length, want);
        return t >= 0 ? t : -1;
    }

    /** How the grid was built. */
    public Kind kind() {
        return kind;
    }

    /** Number of lags. */
    public int lags() {
        return lagSteps.length;
    }

    /** Lag {@code l} in steps. */
    public long lagStep(int l) {
        return lagSteps[l];
    }

    /** Lag {@code l} in time units (time difference of its first pair). */
    public double lagTime(int l) {
        return lagTimes[l];
    }

    /** All lags in steps (a copy). */
    public long[] lagSteps() {
        return lagSteps.clone();
    }

    /** All lags in time units (a copy). */
    public double[] lagTimes() {
        return lagTimes.clone();
    }

    /** Number of (origin, lag) pairs of lag {@code l}. */
    public int pairs(int l) {
        return pairCounts[l];
    }

    /** Pairs per lag (a copy). */
    public int[] pairCounts() {
        return pairCounts.clone();
    }

    /** Total number of (origin, lag) pairs. */
    public long totalPairs() {
        long s = 0;
        for (int c : pairCounts) {
            s += c;
        }
        return s;
    }

    /** Number of time origins. */
    public int originCount() {
        return origins.length;
    }

    /** Frame index of origin {@code j}. */
    public int origin(int j) {
        return origins[j];
    }

    /** Origin frames (a copy). */
    public int[] origins() {
        return origins.clone();
    }

    /** Number of frames the grid was built on. */
    public int frames() {
        return steps.length;
    }

    /** The target frame of (origin frame {@code originFrame}, lag {@code l}), or -1 when that frame is not stored. */
    public int target(int originFrame, int l) {
        return find(originFrame, lagSteps[l]);
    }

    /** Array elements the grid holds (steps, origins, lags): O(frames + lags), never frames x frames. */
    public long storedValues() {
        return steps.length + origins.length + 3L * lagSteps.length;
    }
}
