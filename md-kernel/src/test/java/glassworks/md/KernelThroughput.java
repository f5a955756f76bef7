package glassworks.md;

import glassworks.schema.tables.ThermoTable;

import java.util.Locale;

/**
 * Prints the kernel's throughput in atom-steps/s for the LAMMPS yardstick (bench/in.ka: KA, N = 4000, rho = 1.2,
 * NVT T = 1.0, dt = 0.005, skin 0.3). Not a test: speed is compared side by side with LAMMPS, never asserted.
 *
 * <p>Run: {@code java -cp md-kernel/target/classes:md-kernel/target/test-classes:schemas/target/classes
 * glassworks.md.KernelThroughput [threads] [steps] [particles]}
 */
public final class KernelThroughput {
    private KernelThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 5000;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        RunConfig warm = new RunConfig("warmup", "ka3d", n, 1.2, 1.0, 0.005, 0, 2000, 1000, 1000, 1, Ensemble.NVT,
                0.5, 0.3, threads, false, false);
        MdRun.run(warm, NULL_SINK);
        RunConfig config = new RunConfig("bench", "ka3d", n, 1.2, 1.0, 0.005, 0, steps, 1000, 1000, 2, Ensemble.NVT,
                0.5, 0.3, threads, false, false);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        RunSummary s = MdRun.run(config, NULL_SINK);
        double secs = (System.nanoTime() - t0) * 1e-9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) * 1e-9;
        System.out.printf(Locale.ROOT, "N=%d threads=%d steps=%d: wall %.2f s, %.3f M atom-steps/s; main-thread CPU %.2f s,"
                        + " %.3f M atom-steps/s per CPU-second (incl. start + FIRE, %s)%n",
                n, threads, steps, secs, n * (double) steps / secs / 1e6, cpu, n * (double) steps / cpu / 1e6, s.start());
    }

    static final TrajectorySink NULL_SINK = new TrajectorySink() {
        @Override
        public void frame(FrameView frame) {
        }

        @Override
        public void thermo(ThermoTable.Row row) {
        }
    };
}
