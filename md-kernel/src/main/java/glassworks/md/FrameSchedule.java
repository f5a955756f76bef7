package glassworks.md;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Which saved steps become frames. Steps are counted over the saving stages only, from 0 at the start of the first
 * one (the {@code step} column of the frames table).
 *
 * <ul>
 *   <li>{@link #linear}: every {@code interval} steps: 0, k, 2k, ...</li>
 *   <li>{@link #logarithmic}: blocks of {@code block} steps; inside every block frames at offsets 0 and
 *       round(10^(j / perDecade)) for j = 0, 1, ... below the block length. One run then samples lags over many
 *       decades, and the block starts give several time origins for averaging over t_w (the usual log-linear scheme
 *       of glass MD). With block = the whole saved length there is one origin.</li>
 * </ul>
 *
 * @param interval  linear spacing in steps (0 for a log schedule)
 * @param perDecade log schedule: frames per decade of lag (0 for linear)
 * @param block     log schedule: steps per block (0 for linear)
 */
public record FrameSchedule(long interval, int perDecade, long block) implements java.io.Serializable {
    public FrameSchedule {
        boolean linear = interval > 0 && perDecade == 0 && block == 0;
        boolean log = interval == 0 && perDecade > 0 && block > 0;
        if (!linear && !log) {
            throw new IllegalArgumentException("frame schedule: give either a positive interval (linear) or "
                    + "points per decade > 0 and a block length > 0 (logarithmic); got interval=" + interval
                    + ", per_decade=" + perDecade + ", block=" + block);
        }
    }

    public static FrameSchedule linear(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("frame interval must be > 0, got " + interval
                    + "; use a positive number of steps between frames");
        }
        return new FrameSchedule(interval, 0, 0);
    }

    public static FrameSchedule logarithmic(int perDecade, long block) {
        if (perDecade <= 0 || perDecade > 1000) {
            throw new IllegalArgumentException("frames per decade must be in 1..1000, got " + perDecade);
        }
        if (block <= 0) {
            throw new IllegalArgumentException("log frame block must be > 0 steps, got " + block);
        }
        return new FrameSchedule(0, perDecade, block);
    }

    /** e.g. {@code every 500} or {@code log 10/decade block 100000}. */
    public String describe() {
        return isLogarithmic() ? "log " + perDecade + "/decade block " + block : "every " + interval;
    }

    /** The schedule a {@link #describe()} text names (as stored in runs.frame_schedule). */
    public static FrameSchedule parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("every (\\d+)").matcher(text == null ? "" : text.trim());
        if (m.matches()) {
            return linear(Long.parseLong(m.group(1)));
        }
        m = java.util.regex.Pattern.compile("log (\\d+)/decade block (\\d+)").matcher(text.trim());
        if (m.matches()) {
            return logarithmic(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        }
        throw new IllegalArgumentException("frame schedule '" + text + "' is neither 'every N' nor 'log P/decade block B'");
    }

    public boolean isLogarithmic() {
        return perDecade > 0;
    }

    /** Offsets inside one log block, ascending, starting with 0. */
    long[] blockOffsets() {
        TreeSet<Long> set = new TreeSet<>();
        set.add(0L);
        for (int j = 0; ; j++) {
            long off = Math.round(Math.pow(10.0, (double) j / perDecade));
            if (off >= block) {
                break;
            }
            set.add(off);
        }
        return set.stream().mapToLong(Long::longValue).toArray();
    }

    /** A cursor answering "is saved step s a frame?" for s = 0, 1, 2, ... in order, in O(1) per call. */
    public Cursor cursor() {
        return new Cursor(this);
    }

    /** Number of frames over {@code savedSteps} saved steps (steps 0..savedSteps inclusive). */
    public long count(long savedSteps) {
        if (savedSteps < 0) {
            return 0;
        }
        if (!isLogarithmic()) {
            return savedSteps / interval + 1;
        }
        long[] offsets = blockOffsets();
        long fullBlocks = savedSteps / block;
        long rem = savedSteps % block;
        long inLast = Arrays.stream(offsets).filter(o -> o <= rem).count();
        return fullBlocks * offsets.length + inLast;
    }

    /** Sequential frame test (keeps the next frame step, so no set lookups in the step loop). */
    public static final class Cursor {
        private final FrameSchedule schedule;
        private final long[] offsets;
        private long blockStart;
        private int next;

        private Cursor(FrameSchedule schedule) {
            this.schedule = schedule;
            this.offsets = schedule.isLogarithmic() ? schedule.blockOffsets() : null;
        }

        /** Whether saved step {@code s} is a frame; call with s = 0, 1, 2, ... */
        public boolean isFrame(long s) {
            if (offsets == null) {
                return s % schedule.interval == 0;
            }
            while (s >= blockStart + schedule.block) {
                blockStart += schedule.block;
                next = 0;
            }
            long offset = s - blockStart;
            while (next < offsets.length && offsets[next] < offset) {
                next++;
            }
            if (next < offsets.length && offsets[next] == offset) {
                next++;
                return true;
            }
            return false;
        }
    }
}
