package glassworks.md.lammps;

import glassworks.md.FrameView;
import glassworks.md.PairModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes one {@link FrameView} as a LAMMPS {@code atom_style atomic} data file, so LAMMPS can re-evaluate exactly the
 * configuration the kernel produced ({@code read_data} then {@code run 0}).
 *
 * <p>The box spans {@code 0..L} on each axis (in 2D the z extent is {@code -0.5 0.5}, as LAMMPS requires). Atoms get ids
 * {@code 1..N} in particle-id order and type {@code species + 1}; their unwrapped positions are wrapped into
 * {@code [0, L)}. Numbers are written with {@code %.17g}, which round-trips every double exactly. A Velocities section is
 * written when the frame carries velocities.
 */
public final class LammpsDataFile {
    private LammpsDataFile() {
    }

    /** Writes the data file for {@code frame} to {@code path}; velocities are included when the frame has them. */
    public static void write(Path path, FrameView frame, double[] massesPerSpecies) throws IOException {
        Files.writeString(path, format(frame, massesPerSpecies), StandardCharsets.UTF_8);
    }

    /** The data file text for {@code frame}; velocities are included when the frame has them. */
    public static String format(FrameView frame, double[] massesPerSpecies) {
        return format(frame, massesPerSpecies, frame.vx() != null);
    }

    /**
     * The data file text for {@code frame}.
     *
     * @param massesPerSpecies mass of each species in model order; its length is the number of atom types
     * @param withVelocities   write a Velocities section (the frame must then carry velocities)
     */
    public static String format(FrameView frame, double[] massesPerSpecies, boolean withVelocities) {
        int n = frame.n();
        int dims = frame.dims();
        if (dims != 2 && dims != 3) {
            throw new IllegalArgumentException("dims must be 2 or 3, not " + dims);
        }
        if (massesPerSpecies == null || massesPerSpecies.length == 0) {
            throw new IllegalArgumentException("need the mass of at least one species");
        }
        int types = massesPerSpecies.length;
        int[] species = frame.species();
        for (int i = 0; i < n; i++) {
            if (species[i] < 0 || species[i] >= types) {
                throw new IllegalArgumentException("particle " + i + " has species " + species[i] + " but only "
                        + types + " masses were given");
            }
        }
        if (withVelocities && (frame.vx() == null || frame.vy() == null || (dims == 3 && frame.vz() == null))) {
            throw new IllegalArgumentException("velocities requested but the frame carries none (saveVelocities=false?)");
        }
        double lx = frame.boxX();
        double ly = frame.boxY();
        double lz = frame.boxZ();
        if (!(lx > 0) || !(ly > 0) || (dims == 3 && !(lz > 0))) {
            throw new IllegalArgumentException("box edges must be positive: " + lx + " " + ly + " " + lz);
        }

        StringBuilder sb = new StringBuilder(64 + n * (withVelocities ? 180 : 90));
        sb.append("LAMMPS data file written by Glassworks LammpsDataFile: frame ").append(frame.frameIndex())
                .append(", step ").append(frame.step()).append(", dims ").append(dims).append("\n\n");
        sb.append(n).append(" atoms\n");
        sb.append(types).append(" atom types\n\n");
        sb.append("0 ").append(num(lx)).append(" xlo xhi\n");
        sb.append("0 ").append(num(ly)).append(" ylo yhi\n");
        if (dims == 3) {
            sb.append("0 ").append(num(lz)).append(" zlo zhi\n");
        } else {
            sb.append("-0.5 0.5 zlo zhi\n");
        }
        sb.append("\nMasses\n\n");
        for (int t = 0; t < types; t++) {
            sb.append(t + 1).append(' ').append(num(massesPerSpecies[t])).append('\n');
        }
        sb.append("\nAtoms # atomic\n\n");
        double[] x = frame.x();
        double[] y = frame.y();
        double[] z = frame.z();
        for (int i = 0; i < n; i++) {
            double zi = dims == 3 ? wrap(z[i], lz) : 0.0;
            sb.append(i + 1).append(' ').append(species[i] + 1).append(' ')
                    .append(num(wrap(x[i], lx))).append(' ')
                    .append(num(wrap(y[i], ly))).append(' ')
                    .append(num(zi)).append('\n');
        }
        if (withVelocities) {
            double[] vx = frame.vx();
            double[] vy = frame.vy();
            double[] vz = frame.vz();
            sb.append("\nVelocities\n\n");
            for (int i = 0; i < n; i++) {
                double vzi = dims == 3 ? vz[i] : 0.0;
                sb.append(i + 1).append(' ').append(num(vx[i])).append(' ').append(num(vy[i])).append(' ')
                        .append(num(vzi)).append('\n');
            }
        }
        return sb.toString();
    }

    /** The masses of a model's species, in model order (type = species + 1). */
    public static double[] masses(PairModel model) {
        double[] m = new double[model.speciesCount()];
        for (int s = 0; s < m.length; s++) {
            m[s] = model.mass(s);
        }
        return m;
    }

    /** {@code x} wrapped into {@code [0, length)}; never returns {@code length} itself (rounding of tiny negatives). */
    public static double wrap(double x, double length) {
        double w = x - length * Math.floor(x / length);
        if (w >= length) {
            w -= length;
        }
        if (w < 0) {
            w = 0.0;
        }
        return w;
    }

    /** A double with 17 significant digits (exact round trip), locale-independent. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
