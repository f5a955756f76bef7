package glassworks.md.lammps;

import glassworks.md.FrameView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LAMMPS data file writer: format checks, and a bit-exact round trip through LAMMPS read_data + write_data. */
class LammpsDataFileTest {
    static final int N = 60;
    static final double L = 4.7;

    /** A 3D frame with unwrapped positions up to two boxes away, two species, velocities. */
    static FrameView frame(boolean velocities) {
        Random r = new Random(7);
        int[] species = new int[N];
        double[] x = new double[N];
        double[] y = new double[N];
        double[] z = new double[N];
        double[] vx = new double[N];
        double[] vy = new double[N];
        double[] vz = new double[N];
        for (int i = 0; i < N; i++) {
            species[i] = i % 5 == 0 ? 1 : 0;
            x[i] = (r.nextDouble() * 5 - 2) * L;
            y[i] = (r.nextDouble() * 5 - 2) * L;
            z[i] = (r.nextDouble() * 5 - 2) * L;
            vx[i] = r.nextGaussian();
            vy[i] = r.nextGaussian();
            vz[i] = r.nextGaussian();
        }
        x[1] = -1e-18; // wraps to L - tiny, which rounds to L: must come out as 0
        x[2] = L;      // exactly on the upper face: 0
        x[3] = -L;     // 0
        return new FrameView(3, 1500, 7.5, N, 3, species, x, y, z, L, L, L,
                velocities ? vx : null, velocities ? vy : null, velocities ? vz : null, null);
    }

    static final double[] MASSES = {1.0, 2.5};

    @Test
    void formatsAtomicDataFile() {
        FrameView f = frame(true);
        String text = LammpsDataFile.format(f, MASSES);
        Map<String, List<String[]>> sections = sections(text);
        assertTrue(text.contains("\n" + N + " atoms\n"));
        assertTrue(text.contains("\n2 atom types\n"));
        String l = String.format(java.util.Locale.ROOT, "%.17g", L);
        assertTrue(text.contains("\n0 " + l + " xlo xhi\n0 " + l + " ylo yhi\n0 " + l + " zlo zhi\n"), text);

        List<String[]> masses = sections.get("Masses");
        assertEquals(2, masses.size());
        assertEquals(1.0, Double.parseDouble(masses.get(0)[1]));
        assertEquals(2.5, Double.parseDouble(masses.get(1)[1]));

        List<String[]> atoms = sections.get("Atoms");
        assertEquals(N, atoms.size());
        for (int i = 0; i < N; i++) {
            String[] a = atoms.get(i);
            assertEquals(5, a.length, "id type x y z");
            assertEquals(i + 1, Integer.parseInt(a[0]));
            assertEquals(f.species()[i] + 1, Integer.parseInt(a[1]));
            double[] unwrapped = {f.x()[i], f.y()[i], f.z()[i]};
            for (int d = 0; d < 3; d++) {
                double w = Double.parseDouble(a[2 + d]);
                assertTrue(w >= 0 && w < L, "wrapped into [0, L): " + w);
                assertEquals(LammpsDataFile.wrap(unwrapped[d], L), w, 0.0, "%.17g round-trips exactly");
                double images = (unwrapped[d] - w) / L;
                assertEquals(Math.rint(images), images, 1e-9, "differs from the unwrapped one by whole boxes");
            }
        }
        assertEquals(0.0, Double.parseDouble(atoms.get(1)[2]));
        assertEquals(0.0, Double.parseDouble(atoms.get(2)[2]));
        assertEquals(0.0, Double.parseDouble(atoms.get(3)[2]));

        List<String[]> vel = sections.get("Velocities");
        assertEquals(N, vel.size());
        for (int i = 0; i < N; i++) {
            assertEquals(i + 1, Integer.parseInt(vel.get(i)[0]));
            assertEquals(f.vx()[i], Double.parseDouble(vel.get(i)[1]), 0.0);
            assertEquals(f.vy()[i], Double.parseDouble(vel.get(i)[2]), 0.0);
            assertEquals(f.vz()[i], Double.parseDouble(vel.get(i)[3]), 0.0);
        }
    }

    @Test
    void noVelocitiesSectionWithoutVelocities() {
        String text = LammpsDataFile.format(frame(false), MASSES);
        assertTrue(!text.contains("Velocities"));
        assertThrows(IllegalArgumentException.class, () -> LammpsDataFile.format(frame(false), MASSES, true));
    }

    @Test
    void rejectsSpeciesWithoutMass() {
        assertThrows(IllegalArgumentException.class, () -> LammpsDataFile.format(frame(true), new double[] {1.0}));
    }

    @Test
    void twoDimensionalFrameGetsThinZ() {
        int n = 3;
        FrameView f = new FrameView(0, 0, 0, n, 2, new int[] {0, 1, 0}, new double[] {-0.5, 1, 2},
                new double[] {0.5, 5.5, 2}, new double[n], 3, 4, 0, null, null, null, null);
        String text = LammpsDataFile.format(f, MASSES);
        assertTrue(text.contains("\n-0.5 0.5 zlo zhi\n"), text);
        List<String[]> atoms = sections(text).get("Atoms");
        assertEquals(2.5, Double.parseDouble(atoms.get(0)[2]));
        assertEquals(1.5, Double.parseDouble(atoms.get(1)[3]));
        assertEquals(0.0, Double.parseDouble(atoms.get(2)[4]));
    }

    /** LAMMPS reads the file and writes it back (write_data, %.16e): same atoms, types, masses, bit for bit. */
    @Test
    void roundTripsThroughLammps() {
        Lammps lammps = LammpsTestSupport.requireLammps();
        FrameView f = frame(true);
        String input = String.join("\n",
                "units lj", "atom_style atomic", "boundary p p p", "read_data data.lmp", "write_data out.data", "");
        Lammps.Run run = lammps.run(input, Map.of("data.lmp", LammpsDataFile.format(f, MASSES)), List.of("out.data"),
                1, Duration.ofSeconds(60));
        String out = run.outputs().get("out.data");
        Map<String, List<String[]>> s = sections(out);

        Map<Integer, Double> masses = new HashMap<>();
        for (String[] m : s.get("Masses")) {
            masses.put(Integer.parseInt(m[0]), Double.parseDouble(m[1]));
        }
        assertEquals(Map.of(1, 1.0, 2, 2.5), masses);

        List<String[]> atoms = s.get("Atoms");
        assertEquals(N, atoms.size());
        for (String[] a : atoms) {
            int i = Integer.parseInt(a[0]) - 1;
            assertEquals(f.species()[i] + 1, Integer.parseInt(a[1]), "type of atom " + (i + 1));
            assertEquals(LammpsDataFile.wrap(f.x()[i], L), Double.parseDouble(a[2]), 0.0, "x of atom " + (i + 1));
            assertEquals(LammpsDataFile.wrap(f.y()[i], L), Double.parseDouble(a[3]), 0.0, "y of atom " + (i + 1));
            assertEquals(LammpsDataFile.wrap(f.z()[i], L), Double.parseDouble(a[4]), 0.0, "z of atom " + (i + 1));
        }
        List<String[]> vel = s.get("Velocities");
        assertEquals(N, vel.size());
        for (String[] v : vel) {
            int i = Integer.parseInt(v[0]) - 1;
            assertEquals(f.vx()[i], Double.parseDouble(v[1]), 0.0);
            assertEquals(f.vy()[i], Double.parseDouble(v[2]), 0.0);
            assertEquals(f.vz()[i], Double.parseDouble(v[3]), 0.0);
        }
        assertTrue(out.contains(" xlo xhi"));
        String[] xBounds = out.lines().filter(line -> line.endsWith("xlo xhi")).findFirst().orElseThrow().trim()
                .split("\\s+");
        assertEquals(0.0, Double.parseDouble(xBounds[0]));
        assertEquals(L, Double.parseDouble(xBounds[1]), 0.0);
    }

    /** A failing LAMMPS input gives a LammpsException quoting the ERROR and the end of the log. */
    @Test
    void failingRunReportsLogTail() {
        Lammps lammps = LammpsTestSupport.requireLammps();
        LammpsException e = assertThrows(LammpsException.class, () -> lammps.run(
                "units lj\natom_style atomic\nread_data no-such-file.data\n", Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("ERROR"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-file.data"), e.getMessage());
        assertTrue(e.getMessage().contains("last lines of log.lammps"), e.getMessage());
    }

    /** Data-file sections: name to the token rows under it (blank lines skipped, comments after # dropped). */
    static Map<String, List<String[]>> sections(String text) {
        Map<String, List<String[]>> out = new HashMap<>();
        List<String[]> current = null;
        for (String line : text.split("\\R")) {
            String t = line.replaceAll("#.*", "").trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.matches("[A-Z][A-Za-z ]*")) {
                current = new ArrayList<>();
                out.put(t, current);
            } else if (current != null) {
                current.add(t.split("\\s+"));
            }
        }
        return out;
    }
}
