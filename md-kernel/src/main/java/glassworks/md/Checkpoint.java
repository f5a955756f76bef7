package glassworks.md;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * One checkpoint of a run: where the protocol stands (stage, step in the stage, saved steps, frames written, checkpoint
 * sequence number) and the engine's {@link SimulationState}, plus the identity of the configuration it belongs to.
 *
 * <p>File format (big-endian, {@link DataOutputStream}): magic {@code GWCK}, format version, the fields in declaration
 * order, the state's scalars and arrays (arrays as a length, -1 for null, then the values), then the CRC32 of every
 * preceding byte and the end magic {@code KCWG}. A file that ends early, fails the CRC or lacks the end magic is
 * refused with a message naming it; a crash can leave such a file only as {@value Checkpointing#TEMP_FILE}, because
 * {@link #commit} fsyncs the temporary file before renaming it over {@value Checkpointing#FILE}.
 *
 * @param runId       run id of the configuration
 * @param configHash  {@link #identity} of the configuration and checkpoint interval
 * @param sequence    1 for the run's first checkpoint, 2 for the next, ...
 * @param stageIndex  stage the run is in (0-based)
 * @param stepInStage steps of that stage completed; its start (thermostat, first thermo row, frame 0) is done even at 0
 * @param globalStep  steps completed over all stages (a multiple of the interval)
 * @param savedStep   saved steps so far (-1 before the first saving stage started)
 * @param frames      frames written so far
 * @param kind        start kind for the run summary (e.g. {@code fcc+FIRE})
 * @param composition composition label for the run summary
 * @param state       the engine
 */
record Checkpoint(String runId, long configHash, int sequence, int stageIndex, long stepInStage, long globalStep,
                  long savedStep, int frames, String kind, String composition, SimulationState state) {
    static final int MAGIC = 0x4757434B; // GWCK
    static final int END_MAGIC = 0x4B435747; // KCWG
    static final int VERSION = 1;

    /**
     * A 64-bit fingerprint of every field of the configuration that shapes the trajectory (and of the checkpoint
     * interval, which does too). Built from an explicit text of the fields rather than {@code hashCode()} so it is
     * stable across JVMs (arrays and enums hash by identity). Doubles enter by their bits.
     */
    static long identity(RunConfig c, long interval) {
        StringBuilder sb = new StringBuilder();
        sb.append("run=").append(c.runId()).append("|model=").append(c.model().name()).append(':')
                .append(c.model().describe()).append("|n=").append(c.particles())
                .append("|density=").append(bits(c.density())).append("|T=").append(bits(c.temperature()))
                .append("|dt=").append(bits(c.timestep()));
        for (Stage s : c.stages()) {
            sb.append("|stage=").append(s.name()).append(',').append(s.steps()).append(',').append(s.ensemble())
                    .append(',').append(bits(s.startTemperature())).append(',').append(bits(s.endTemperature()))
                    .append(',').append(s.save());
        }
        FrameSchedule f = c.frames();
        sb.append("|frames=").append(f.interval()).append(',').append(f.perDecade()).append(',').append(f.block())
                .append("|thermo=").append(c.thermoInterval()).append("|seed=").append(c.seed())
                .append("|tau=").append(bits(c.thermostatTau())).append("|P=").append(bits(c.pressure()))
                .append("|ptau=").append(bits(c.barostatTau())).append("|skin=").append(bits(c.skin()))
                .append("|threads=").append(c.threads()).append("|save=").append(c.saveVelocities()).append(',')
                .append(c.savePerParticleEnergy()).append(',').append(c.savePerParticleVirial())
                .append("|maxFrames=").append(c.maxFrames()).append("|interval=").append(interval);
        Snapshot snap = c.start();
        if (snap != null) {
            sb.append("|start=").append(snap.parentRun()).append('#').append(snap.parentFrame()).append(',')
                    .append(bits(snap.box().lx())).append(',').append(bits(snap.box().ly())).append(',')
                    .append(bits(snap.box().lz())).append(',').append(java.util.Arrays.hashCode(snap.species()))
                    .append(',').append(java.util.Arrays.hashCode(snap.x())).append(',')
                    .append(java.util.Arrays.hashCode(snap.y())).append(',').append(java.util.Arrays.hashCode(snap.z()))
                    .append(',').append(java.util.Arrays.hashCode(snap.vx())).append(',')
                    .append(java.util.Arrays.hashCode(snap.vy())).append(',').append(java.util.Arrays.hashCode(snap.vz()));
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int k = 0; k < 8; k++) {
                h = (h << 8) | (d[k] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    private static String bits(double v) {
        return Long.toHexString(Double.doubleToLongBits(v));
    }

    /**
     * The committed checkpoint of {@code checkpointing}'s directory, or null when there is none (a leftover
     * {@value Checkpointing#TEMP_FILE} of a killed writer is ignored: it was never committed). Throws a
     * {@link CheckpointException} when the file is unreadable or belongs to another configuration.
     */
    static Checkpoint readIfPresent(Checkpointing checkpointing, RunConfig config) throws IOException {
        Path file = checkpointing.file();
        if (!Files.exists(file)) {
            return null;
        }
        Checkpoint cp = read(file);
        long expected = identity(config, checkpointing.interval());
        if (!cp.runId.equals(config.runId()) || cp.configHash != expected) {
            throw new CheckpointException("checkpoint " + file + " belongs to run '" + cp.runId + "' (configuration "
                    + Long.toHexString(cp.configHash) + "), not to run '" + config.runId() + "' (configuration "
                    + Long.toHexString(expected) + ", checkpoint interval " + checkpointing.interval() + "); resume "
                    + "with the configuration and checkpoint interval that wrote it, or delete " + file
                    + " and the part files next to it to start this run from scratch");
        }
        if (cp.state.n() != config.particles()) {
            throw new CheckpointException("checkpoint " + file + " holds " + cp.state.n() + " particles, the run has "
                    + config.particles() + "; delete it to start the run from scratch");
        }
        return cp;
    }

    /** Reads and verifies a checkpoint file. */
    static Checkpoint read(Path file) throws IOException {
        String fix = "; delete it to restart the run from scratch (the part files after it are discarded then too)";
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new CheckpointException("checkpoint " + file + " is not a Glassworks checkpoint (magic "
                        + Integer.toHexString(magic) + ")" + fix);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException("checkpoint " + file + " has format version " + version
                        + ", this build reads version " + VERSION + " only; resume with the build that wrote it, or"
                        + fix.substring(1));
            }
            Checkpoint cp = new Checkpoint(in.readUTF(), in.readLong(), in.readInt(), in.readInt(), in.readLong(),
                    in.readLong(), in.readLong(), in.readInt(), in.readUTF(), in.readUTF(), readState(in));
            long crc = checked.getChecksum().getValue();
            DataInputStream tail = new DataInputStream(raw); // the trailer is not part of its own checksum
            long stored = tail.readLong();
            int end = tail.readInt();
            if (stored != crc || end != END_MAGIC) {
                throw new CheckpointException("checkpoint " + file + " is corrupt (checksum mismatch)" + fix);
            }
            if (raw.read() != -1) {
                throw new CheckpointException("checkpoint " + file + " is corrupt (bytes after its end)" + fix);
            }
            return cp;
        } catch (EOFException e) {
            throw new CheckpointException("checkpoint " + file + " is truncated (" + Files.size(file) + " bytes)" + fix,
                    e);
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) { // absurd array lengths and the like: corrupt bytes that passed for numbers
            throw new CheckpointException("checkpoint " + file + " is corrupt (" + e + ")" + fix, e);
        }
    }

    /**
     * Writes this checkpoint to {@value Checkpointing#TEMP_FILE} and forces it to disk, runs {@code beforeRename}
     * (the sink makes its output durable), then atomically renames it to {@value Checkpointing#FILE} and syncs the
     * directory. A crash at any point leaves either the previous checkpoint or this one committed, never a mix.
     */
    void commit(Path dir, IoAction beforeRename) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(Checkpointing.TEMP_FILE);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream raw = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16);
            CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(runId);
            out.writeLong(configHash);
            out.writeInt(sequence);
            out.writeInt(stageIndex);
            out.writeLong(stepInStage);
            out.writeLong(globalStep);
            out.writeLong(savedStep);
            out.writeInt(frames);
            out.writeUTF(kind);
            out.writeUTF(composition);
            writeState(out, state);
            out.flush();
            DataOutputStream tail = new DataOutputStream(raw);
            tail.writeLong(checked.getChecksum().getValue());
            tail.writeInt(END_MAGIC);
            tail.flush();
            ch.force(true);
        }
        beforeRename.run();
        Path target = dir.resolve(Checkpointing.FILE);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " atomically to " + target + "; checkpoints need a local "
                    + "file system with atomic renames", e);
        }
        syncDirectory(dir);
    }

    /** Makes renames and deletions inside {@code dir} durable (where the platform can fsync a directory). */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot open or sync a directory; the rename is still atomic there, only not yet durable
        }
    }

    /** An I/O step run between writing and committing a checkpoint. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    private static void writeState(DataOutputStream out, SimulationState s) throws IOException {
        out.writeDouble(s.lx());
        out.writeDouble(s.ly());
        out.writeDouble(s.lz());
        writeDoubles(out, s.barostat());
        for (double[] a : new double[][]{s.x(), s.y(), s.z(), s.vx(), s.vy(), s.vz(), s.fx(), s.fy(), s.fz()}) {
            writeDoubles(out, a);
        }
        for (int[] a : new int[][]{s.imageX(), s.imageY(), s.imageZ(), s.species(), s.id()}) {
            writeInts(out, a);
        }
        writeDoubles(out, s.mass());
        writeDoubles(out, s.invMass());
        out.writeInt(s.listBuilds());
        out.writeDouble(s.thermostatTarget());
        writeDoubles(out, s.chain());
        out.writeDouble(s.twoKe());
        out.writeUTF(s.phase());
        out.writeLong(s.step());
        out.writeDouble(s.lastPotentialPerParticle());
        out.writeBoolean(s.checkEnergyJumps());
    }

    private static SimulationState readState(DataInputStream in) throws IOException {
        double lx = in.readDouble();
        double ly = in.readDouble();
        double lz = in.readDouble();
        double[] barostat = readDoubles(in);
        double[][] d = new double[9][];
        for (int k = 0; k < d.length; k++) {
            d[k] = readDoubles(in);
        }
        int[][] i = new int[5][];
        for (int k = 0; k < i.length; k++) {
            i[k] = readInts(in);
        }
        double[] mass = readDoubles(in);
        double[] invMass = readDoubles(in);
        int listBuilds = in.readInt();
        double target = in.readDouble();
        double[] chain = readDoubles(in);
        double twoKe = in.readDouble();
        String phase = in.readUTF();
        long step = in.readLong();
        double lastPe = in.readDouble();
        boolean checkJumps = in.readBoolean();
        int n = i[4].length;
        for (Object a : new Object[]{d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], i[0], i[1], i[2], i[3], mass,
                invMass}) {
            int len = a instanceof double[] da ? da.length : ((int[]) a).length;
            if (len != n) {
                throw new IllegalStateException("particle arrays of different lengths (" + len + " vs " + n + ")");
            }
        }
        return new SimulationState(lx, ly, lz, barostat, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], i[0],
                i[1], i[2], i[3], i[4], mass, invMass, listBuilds, target, chain, twoKe, phase, step, lastPe,
                checkJumps);
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        if (a == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(a.length);
        for (double v : a) {
            out.writeLong(Double.doubleToRawLongBits(v)); // raw: NaN payloads survive too
        }
    }

    private static void writeInts(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a.length);
        for (int v : a) {
            out.writeInt(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int len = in.readInt();
        if (len == -1) {
            return null;
        }
        double[] a = new double[checkLength(len)];
        for (int k = 0; k < len; k++) {
            a[k] = Double.longBitsToDouble(in.readLong());
        }
        return a;
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] a = new int[checkLength(in.readInt())];
        for (int k = 0; k < a.length; k++) {
            a[k] = in.readInt();
        }
        return a;
    }

    private static int checkLength(int len) {
        if (len < 0 || len > RunConfig.MAX_PARTICLES) {
            throw new IllegalStateException("array length " + len + " out of range");
        }
        return len;
    }
}
