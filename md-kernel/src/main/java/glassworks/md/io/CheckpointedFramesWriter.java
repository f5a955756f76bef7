package glassworks.md.io;

import glassworks.md.FrameView;
import glassworks.md.TrajectorySink;
import glassworks.schema.tables.FramesTable;
import glassworks.schema.tables.ThermoTable;
import org.apache.hadoop.conf.Configuration;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link TrajectorySink} for checkpointed runs ({@code MdRun.run(config, sink, checkpointing)}) that writes frames and
 * thermo rows into a local directory as numbered part files, cut at the checkpoints: part k holds what the run streamed
 * between checkpoint k and checkpoint k + 1 (part 0: from the start). Frames go to {@code part-<k>.parquet} (the frames
 * table's columns, rows by frame then particle), thermo rows to {@code thermo-<k>.parquet} (the thermo table's data
 * columns); a part with no rows has no file.
 *
 * <p>Why parts: a Parquet file is readable only once its footer is written, and a killed run never writes it. At a
 * checkpoint the current part is closed (footer) and forced to disk before the checkpoint is committed, so every part
 * below the committed checkpoint's number is complete; on resume, parts from that number on (the killed attempt's
 * half-written ones) are deleted and writing continues there. The parts, in number order, are then exactly the
 * uninterrupted run's output: no frame twice, none missing. Read them back with {@link #readFrames} and
 * {@link #readThermo}, or hand the directory's {@code part-*.parquet} files to any Parquet reader.
 *
 * <p>Files are written through Hadoop's local file system, which keeps a {@code .<name>.crc} beside each; it is
 * deleted and synced with its file.
 */
public final class CheckpointedFramesWriter implements TrajectorySink, Closeable {
    private static final Pattern FRAMES_PART = Pattern.compile("part-(\\d+)\\.parquet");
    private static final Pattern THERMO_PART = Pattern.compile("thermo-(\\d+)\\.parquet");

    private final Path dir;
    private final Configuration conf;
    private int part;
    private FramesFileWriter frames;
    private RowFileWriter<ThermoTable.Row> thermo;
    private Path framesFile;
    private Path thermoFile;

    /** Writes into {@code dir} (created if missing), starting with part 0 unless {@link #resume} says otherwise. */
    public CheckpointedFramesWriter(Path dir, Configuration conf) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.conf = conf;
        Files.createDirectories(this.dir);
    }

    /** File name of frames part {@code k}. */
    public static String framesPartName(int k) {
        return String.format(Locale.ROOT, "part-%05d.parquet", k);
    }

    /** File name of thermo part {@code k}. */
    public static String thermoPartName(int k) {
        return String.format(Locale.ROOT, "thermo-%05d.parquet", k);
    }

    @Override
    public void frame(FrameView frame) throws IOException {
        if (frames == null) {
            framesFile = dir.resolve(framesPartName(part));
            frames = new FramesFileWriter(hadoopPath(framesFile), conf);
        }
        frames.write(frame);
    }

    @Override
    public void thermo(ThermoTable.Row row) throws IOException {
        if (thermo == null) {
            thermoFile = dir.resolve(thermoPartName(part));
            thermo = new RowFileWriter<>(ThermoTable.SCHEMA, hadoopPath(thermoFile), conf);
        }
        thermo.write(row);
    }

    /** Closes the current parts (footer, fsync); what follows goes to part {@code sequence}. */
    @Override
    public void checkpoint(int sequence) throws IOException {
        closeParts();
        part = sequence;
    }

    /** Deletes the parts numbered {@code sequence} and up (a killed attempt's), then continues with that number. */
    @Override
    public void resume(int sequence) throws IOException {
        closeParts();
        for (Path p : listParts(dir, FRAMES_PART)) {
            deleteIfAtLeast(p, FRAMES_PART, sequence);
        }
        for (Path p : listParts(dir, THERMO_PART)) {
            deleteIfAtLeast(p, THERMO_PART, sequence);
        }
        syncDirectory(dir);
        part = sequence;
    }

    @Override
    public void close() throws IOException {
        closeParts();
    }

    private void closeParts() throws IOException {
        try {
            if (frames != null) {
                frames.close();
                force(framesFile);
            }
        } finally {
            frames = null;
            try {
                if (thermo != null) {
                    thermo.close();
                    force(thermoFile);
                }
            } finally {
                thermo = null;
            }
        }
        syncDirectory(dir);
    }

    /** Frames part files of {@code dir} in part order. */
    public static List<Path> framesParts(Path dir) throws IOException {
        return listParts(dir, FRAMES_PART);
    }

    /** Thermo part files of {@code dir} in part order. */
    public static List<Path> thermoParts(Path dir) throws IOException {
        return listParts(dir, THERMO_PART);
    }

    /** Every frames row of the directory's parts, in part order (small runs: tests, tools). */
    public static List<FramesTable.Row> readFrames(Path dir, Configuration conf) throws IOException {
        List<FramesTable.Row> rows = new ArrayList<>();
        for (Path p : framesParts(dir)) {
            rows.addAll(TableFiles.readRows(FramesTable.SCHEMA, hadoopPath(p), conf, FramesTable.Row::of));
        }
        return rows;
    }

    /**
     * Streams the frames of every part of {@code dir}, in part order, into one new frames file {@code out} (the
     * one-file-per-run layout of the frames table; memory stays one row group whatever the run's length). Returns the
     * number of rows.
     */
    public static long mergeFrames(Path dir, org.apache.hadoop.fs.Path out, Configuration conf) throws IOException {
        long rows = 0;
        try (RowFileWriter<FramesTable.Row> w = new RowFileWriter<>(FramesTable.SCHEMA, out, conf)) {
            for (Path p : framesParts(dir)) {
                rows += TableFiles.forEachRow(FramesTable.SCHEMA, hadoopPath(p), conf, FramesTable.Row::of, w::write);
            }
        }
        return rows;
    }

    /** Every thermo row of the directory's parts, in part order. */
    public static List<ThermoTable.Row> readThermo(Path dir, Configuration conf) throws IOException {
        List<ThermoTable.Row> rows = new ArrayList<>();
        for (Path p : thermoParts(dir)) {
            rows.addAll(TableFiles.readRows(ThermoTable.SCHEMA, hadoopPath(p), conf, ThermoTable.Row::of));
        }
        return rows;
    }

    private static List<Path> listParts(Path dir, Pattern pattern) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(p);
                }
            });
        }
        out.sort((a, b) -> Integer.compare(number(a, pattern), number(b, pattern)));
        return out;
    }

    private static int number(Path p, Pattern pattern) {
        Matcher m = pattern.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(p.toString());
        }
        return Integer.parseInt(m.group(1));
    }

    private static void deleteIfAtLeast(Path p, Pattern pattern, int sequence) throws IOException {
        if (number(p, pattern) >= sequence) {
            Files.deleteIfExists(crcOf(p));
            Files.delete(p);
        }
    }

    /** Hadoop's checksum file of a local file. */
    private static Path crcOf(Path p) {
        return p.resolveSibling("." + p.getFileName() + ".crc");
    }

    /** Forces a closed part file and its checksum file to disk. */
    private static void force(Path p) throws IOException {
        for (Path f : new Path[]{p, crcOf(p)}) {
            if (Files.exists(f)) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // a platform that cannot sync directories: renames and deletions are only not yet durable there
        }
    }

    private static org.apache.hadoop.fs.Path hadoopPath(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }
}
