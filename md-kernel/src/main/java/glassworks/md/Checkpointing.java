package glassworks.md;

import java.nio.file.Path;

/**
 * Where and how often a run checkpoints ({@link MdRun#run(RunConfig, TrajectorySink, Checkpointing)}).
 *
 * <p>A checkpoint is taken whenever the number of steps completed over the whole run (all stages counted together) is a
 * positive multiple of {@code interval}. Taking one forces a neighbour-list rebuild, which changes the order of
 * floating-point sums from then on; the cadence is therefore part of the trajectory: a run resumed from a checkpoint
 * reproduces bit for bit the uninterrupted run with the same interval (not a run without checkpoints), and a checkpoint
 * written with another interval is refused.
 *
 * <p>The directory holds {@value #FILE} (the last committed checkpoint) and, transiently, {@value #TEMP_FILE}; the
 * frames sink usually writes its part files next to them ({@link glassworks.md.io.CheckpointedFramesWriter}).
 *
 * @param directory local directory of the checkpoint file (created if missing)
 * @param interval  steps between checkpoints (> 0)
 */
public record Checkpointing(Path directory, long interval) {
    /** The committed checkpoint. */
    public static final String FILE = "checkpoint.bin";
    /** A checkpoint being written; renamed to {@link #FILE} once complete and on disk. */
    public static final String TEMP_FILE = "checkpoint.tmp";

    public Checkpointing {
        if (directory == null) {
            throw new IllegalArgumentException("checkpoint directory missing");
        }
        if (interval <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be > 0 steps, got " + interval);
        }
    }

    /** The committed checkpoint file. */
    public Path file() {
        return directory.resolve(FILE);
    }

    /**
     * 16 hex digits identifying the configuration's trajectory with this interval (what a checkpoint is checked
     * against on resume): a directory named after it is never offered another configuration's checkpoint.
     */
    public static String fingerprint(RunConfig config, long interval) {
        return String.format(java.util.Locale.ROOT, "%016x", Checkpoint.identity(config, interval));
    }

    /** Whether a committed checkpoint exists (the next run with this directory resumes from it). */
    public boolean exists() {
        return java.nio.file.Files.isRegularFile(file());
    }
}
