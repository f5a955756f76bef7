package glassworks.md.lammps;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the external LAMMPS binary ({@code lmp}) on an input script and parses what it logs.
 *
 * <p>The binary is {@code $GLASSWORKS_LMP} when that is set, else the first {@code lmp} on {@code PATH}; MPI runs use
 * {@code $GLASSWORKS_MPIRUN} or the first {@code mpirun} on {@code PATH}, as
 * {@code mpirun --allow-run-as-root -np P lmp ...}. Each run gets a fresh temporary directory holding the input, any
 * extra input files (data files), {@code log.lammps} and the captured standard output; the directory is deleted after
 * a successful run and kept (its path is in the error) after a failed one.
 */
public final class Lammps {
    /** Environment variable naming the lmp binary explicitly. */
    public static final String ENV_LMP = "GLASSWORKS_LMP";
    /** Environment variable naming the mpirun launcher explicitly. */
    public static final String ENV_MPIRUN = "GLASSWORKS_MPIRUN";
    /** What to tell a user without LAMMPS. */
    public static final String INSTALL_HINT = "install it with bin/install-lammps (Debian package 'lammps'), "
            + "or point " + ENV_LMP + " at an lmp binary";

    private static final String INPUT_NAME = "in.lammps";
    private static final String LOG_NAME = "log.lammps";
    private static final String SCREEN_NAME = "screen.txt";
    private static final int TAIL_LINES = 30;

    private static final Pattern LOOP = Pattern.compile(
            "Loop time of\\s+(\\S+)\\s+on\\s+(\\d+)\\s+procs\\s+for\\s+(\\d+)\\s+steps\\s+with\\s+(\\d+)\\s+atoms");

    private final Path lmp;

    private Lammps(Path lmp) {
        this.lmp = lmp;
    }

    /** The LAMMPS installation this process can use; throws {@link LammpsException.NotFound} with an install hint. */
    public static Lammps locate() {
        String env = System.getenv(ENV_LMP);
        if (env != null && !env.isBlank()) {
            Path p = Paths.get(env.trim());
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new LammpsException.NotFound(ENV_LMP + "=" + env + " is not an executable file; unset it or "
                        + INSTALL_HINT);
            }
            return new Lammps(p);
        }
        return onPath("lmp").map(Lammps::new).orElseThrow(() -> new LammpsException.NotFound(
                "LAMMPS not found: no 'lmp' on PATH and " + ENV_LMP + " is not set; " + INSTALL_HINT));
    }

    /** Whether {@link #locate()} would succeed. */
    public static boolean available() {
        try {
            locate();
            return true;
        } catch (LammpsException.NotFound e) {
            return false;
        }
    }

    /** The lmp binary this instance runs. */
    public Path binary() {
        return lmp;
    }

    /** The mpirun launcher ({@code $GLASSWORKS_MPIRUN} or PATH), if any. */
    public static Optional<Path> mpirun() {
        String env = System.getenv(ENV_MPIRUN);
        if (env != null && !env.isBlank()) {
            Path p = Paths.get(env.trim());
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return onPath("mpirun");
    }

    /** First executable {@code name} on PATH. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Paths.get(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code input} serially with no extra files; see {@link #run(String, Map, List, int, Duration)}. */
    public Run run(String input, Duration timeout) {
        return run(input, Map.of(), List.of(), 1, timeout);
    }

    /**
     * Runs one LAMMPS input in a fresh temporary directory.
     *
     * @param input       the input script text (becomes {@code in.lammps})
     * @param inputFiles  more files to place next to it, name to content (e.g. a data file for {@code read_data})
     * @param outputFiles names of files the script writes (dumps, write_data) whose content to return
     * @param procs       1 runs {@code lmp} directly; more runs it under {@code mpirun --allow-run-as-root -np procs}
     * @param timeout     wall-clock limit; the run (and its MPI ranks) is killed past it
     * @return the log, its parsed thermo blocks and loop times, and the requested output files
     * @throws LammpsException when lmp cannot start, exits non-zero, logs an ERROR, or times out (the message holds
     *                         the last lines of its log and screen output)
     */
    public Run run(String input, Map<String, String> inputFiles, List<String> outputFiles, int procs,
                   Duration timeout) {
        if (procs < 1) {
            throw new IllegalArgumentException("procs must be >= 1, not " + procs);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("glassworks-lammps-");
            Files.writeString(dir.resolve(INPUT_NAME), input, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> f : inputFiles.entrySet()) {
                Files.writeString(dir.resolve(checkName(f.getKey())), f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new LammpsException("cannot prepare a LAMMPS run directory: " + e.getMessage(), e);
        }

        List<String> cmd = new ArrayList<>();
        if (procs > 1) {
            Path mpi = mpirun().orElseThrow(() -> new LammpsException.NotFound(
                    "mpirun not found (needed for a " + procs + "-process LAMMPS run): no 'mpirun' on PATH and "
                            + ENV_MPIRUN + " is not set; install it with bin/install-lammps (Debian openmpi-bin)"));
            cmd.addAll(List.of(mpi.toString(), "--allow-run-as-root", "-np", Integer.toString(procs)));
        }
        cmd.addAll(List.of(lmp.toString(), "-in", INPUT_NAME, "-log", LOG_NAME, "-screen", "none"));

        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(SCREEN_NAME).toFile());
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        long t0 = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new LammpsException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage() + "; "
                    + INSTALL_HINT, e);
        }
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new LammpsException("interrupted while LAMMPS ran in " + dir, e);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!finished) {
            kill(process);
            throw new LammpsException("LAMMPS timed out after " + timeout.toSeconds() + " s (" + String.join(" ", cmd)
                    + ", run directory kept: " + dir + ")" + tails(dir));
        }
        int rc = process.exitValue();
        String log = readOrEmpty(dir.resolve(LOG_NAME));
        String error = firstErrorLine(log + "\n" + readOrEmpty(dir.resolve(SCREEN_NAME)));
        if (rc != 0 || error != null) {
            throw new LammpsException("LAMMPS failed (exit code " + rc + (error != null ? ", " + error.trim() : "")
                    + ") running " + String.join(" ", cmd) + " in " + dir + " (kept)" + tails(dir));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String name : outputFiles) {
            Path p = dir.resolve(checkName(name));
            if (!Files.isRegularFile(p)) {
                throw new LammpsException("LAMMPS finished but did not write " + name + " in " + dir + " (kept)"
                        + tails(dir));
            }
            outputs.put(name, readOrEmpty(p));
        }
        deleteQuietly(dir);
        return new Run(log, parseThermo(log), parseLoopTimes(log), outputs, wall);
    }

    /**
     * What one LAMMPS run produced.
     *
     * @param log         the full log.lammps text
     * @param thermo      thermo blocks in order, one per {@code run} command that printed any
     * @param loops       Loop-time lines in order, one per {@code run} command
     * @param outputs     requested output files, name to content
     * @param wallSeconds wall-clock time of the whole process, start-up included
     */
    public record Run(String log, List<ThermoBlock> thermo, List<LoopTime> loops, Map<String, String> outputs,
                      double wallSeconds) {
        /** The last thermo block (from the last run command). */
        public ThermoBlock lastThermo() {
            if (thermo.isEmpty()) {
                throw new LammpsException("the LAMMPS log holds no thermo output" + tail(log, TAIL_LINES));
            }
            return thermo.get(thermo.size() - 1);
        }

        /** The last Loop-time line (from the last run command). */
        public LoopTime lastLoop() {
            if (loops.isEmpty()) {
                throw new LammpsException("the LAMMPS log holds no 'Loop time of' line" + tail(log, TAIL_LINES));
            }
            return loops.get(loops.size() - 1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Log parsing

    /**
     * Thermo blocks of a LAMMPS log: a header line of column names followed by rows of numbers with as many fields.
     * WARNING lines inside a block are skipped; any other line ends it.
     */
    public static List<ThermoBlock> parseThermo(String log) {
        List<ThermoBlock> blocks = new ArrayList<>();
        String[] lines = log.split("\\R");
        int i = 0;
        while (i < lines.length) {
            String[] header = tokens(lines[i]);
            if (header.length == 0 || !allNames(header)) {
                i++;
                continue;
            }
            List<double[]> rows = new ArrayList<>();
            int j = i + 1;
            while (j < lines.length) {
                String line = lines[j];
                if (isWarning(line)) {
                    j++;
                    continue;
                }
                double[] row = numbers(tokens(line), header.length);
                if (row == null) {
                    break;
                }
                rows.add(row);
                j++;
            }
            if (rows.isEmpty()) {
                i++;
            } else {
                blocks.add(new ThermoBlock(List.of(header), rows));
                i = j;
            }
        }
        return blocks;
    }

    /** Every {@code Loop time of X on P procs for S steps with N atoms} line, in order. */
    public static List<LoopTime> parseLoopTimes(String log) {
        List<LoopTime> out = new ArrayList<>();
        Matcher m = LOOP.matcher(log);
        while (m.find()) {
            out.add(new LoopTime(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)),
                    Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
        }
        return out;
    }

    private static String[] tokens(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static boolean isWarning(String line) {
        return line.stripLeading().startsWith("WARNING");
    }

    /** A header: every token a name (a letter or underscore first, as thermo keywords and c_/v_/f_ references are). */
    private static boolean allNames(String[] tokens) {
        for (String t : tokens) {
            char c = t.charAt(0);
            if (!(Character.isLetter(c) || c == '_') || parseNumber(t) != null) {
                return false;
            }
            for (int k = 0; k < t.length(); k++) {
                char d = t.charAt(k);
                if (!(Character.isLetterOrDigit(d) || d == '_' || d == '[' || d == ']' || d == '/' || d == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[] numbers(String[] tokens, int expected) {
        if (tokens.length != expected) {
            return null;
        }
        double[] out = new double[expected];
        for (int k = 0; k < expected; k++) {
            Double v = parseNumber(tokens[k]);
            if (v == null) {
                return null;
            }
            out[k] = v;
        }
        return out;
    }

    /** A number as LAMMPS prints it (C printf: also nan, -nan, inf, -inf); null when not a number. */
    static Double parseNumber(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        switch (l) {
            case "nan":
            case "-nan":
            case "+nan":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char c = l.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
            return null;
        }
        try {
            return Double.parseDouble(l);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstErrorLine(String text) {
        for (String line : text.split("\\R")) {
            String t = line.stripLeading();
            if (t.startsWith("ERROR") || t.startsWith("MPI_ABORT")) {
                return line;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Process and file helpers

    private static String checkName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")
                || name.equals(INPUT_NAME) || name.equals(LOG_NAME) || name.equals(SCREEN_NAME)) {
            throw new IllegalArgumentException("bad LAMMPS run file name: " + name);
        }
        return name;
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tails(Path dir) {
        return "\n--- last lines of " + LOG_NAME + " ---" + tail(readOrEmpty(dir.resolve(LOG_NAME)), TAIL_LINES)
                + "\n--- last lines of standard output/error ---"
                + tail(readOrEmpty(dir.resolve(SCREEN_NAME)), TAIL_LINES);
    }

    static String tail(String text, int lines) {
        if (text.isBlank()) {
            return "\n(empty)";
        }
        String[] all = text.split("\\R");
        StringBuilder sb = new StringBuilder();
        for (int k = Math.max(0, all.length - lines); k < all.length; k++) {
            sb.append('\n').append(all[k]);
        }
        return sb.toString();
    }

    private static String readOrEmpty(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            });
        } catch (IOException ignored) {
            // idem
        }
    }
}
