package glassworks.md.tools;

import glassworks.md.Checkpointing;
import glassworks.md.Ensemble;
import glassworks.md.MdRun;
import glassworks.md.Models;
import glassworks.md.RunConfig;
import glassworks.md.RunSummary;
import glassworks.md.io.CheckpointedFramesWriter;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;

/**
 * Runs one fixed Kob-Andersen configuration with checkpoints into a directory, resuming from the directory's checkpoint
 * when there is one. It exists so that checkpoint/restart can be tested against a real process killed with SIGKILL
 * (CheckpointTest launches it, kills it and launches it again), and doubles as a manual check:
 *
 * <pre>
 *   java -cp ... glassworks.md.tools.CheckpointedRunMain DIR STEPS CHECKPOINT_INTERVAL SEED [THREADS]
 * </pre>
 *
 * <p>Output in DIR: {@code checkpoint.bin}, frames {@code part-*.parquet} and thermo {@code thermo-*.parquet}
 * ({@link CheckpointedFramesWriter}). Prints {@code start scratch} or {@code start resume} first and
 * {@code done frames=F} at the end.
 */
public final class CheckpointedRunMain {
    private CheckpointedRunMain() {
    }

    /**
     * The run: N = 500 KA at density 1.2 and T = 1.0, dt = 0.005, NVT (tau 0.5), the first quarter of the steps
     * equilibration, the rest production with a frame every 50 steps (velocities and per-particle energies saved) and a
     * thermo row every 50 steps.
     */
    public static RunConfig config(long steps, long seed, int threads) {
        long equilibration = steps / 4;
        return new RunConfig("ckpt-" + seed, Models.KA3D, 500, 1.2, 1.0, 0.005, equilibration, steps - equilibration,
                50, 50, seed, Ensemble.NVT, 0.5, 0.3, threads, true, true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: CheckpointedRunMain DIR STEPS CHECKPOINT_INTERVAL SEED [THREADS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long steps = Long.parseLong(args[1]);
        long interval = Long.parseLong(args[2]);
        long seed = Long.parseLong(args[3]);
        int threads = args.length == 5 ? Integer.parseInt(args[4]) : 1;
        Checkpointing checkpointing = new Checkpointing(dir, interval);
        System.out.println(checkpointing.exists() ? "start resume" : "start scratch");
        System.out.flush();
        RunSummary summary;
        try (CheckpointedFramesWriter sink = new CheckpointedFramesWriter(dir, new Configuration())) {
            summary = MdRun.run(config(steps, seed, threads), sink, checkpointing);
        }
        System.out.println("done frames=" + summary.framesWritten());
    }
}
